import { checkEnvelope, type CheckedEnvelope } from './check-envelope.ts';

/** Parses and validates POST bodies: inline, or on worker threads so the SQLite thread only runs SQL. */
export interface EnvelopeChecker {
  check(text: string): Promise<CheckedEnvelope>;
  /** Stops the checker's threads, if any; pending checks are rejected. */
  close(): Promise<void>;
}

/** Checks on the calling thread. */
export const inlineChecker: EnvelopeChecker = Object.freeze({
  check: (text: string) => Promise.resolve().then(() => checkEnvelope(text)),
  close: () => Promise.resolve(),
});
