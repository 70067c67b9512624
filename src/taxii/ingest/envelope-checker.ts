import { checkEnvelope, type CheckedEnvelope } from './check-envelope.ts';

/** Parses and validates POST bodies: inline, or on worker threads so the SQLite thread only runs SQL. */
export interface EnvelopeChecker {
  /** Checks one body, given as text or as its UTF-8 bytes (bytes a worker checker may take over: do not reuse them). */
  check(body: string | Uint8Array): Promise<CheckedEnvelope>;
  /** Stops the checker's threads, if any; pending checks are rejected. */
  close(): Promise<void>;
}

/** Checks on the calling thread. */
export const inlineChecker: EnvelopeChecker = Object.freeze({
  check: (body: string | Uint8Array) => Promise.resolve().then(() => checkEnvelope(body)),
  close: () => Promise.resolve(),
});
