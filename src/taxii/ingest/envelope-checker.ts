import { checkEnvelope, type CheckedEnvelope } from './check-envelope.ts';

/** Parses and validates POST bodies: inline, or on worker threads so the SQLite thread only runs SQL. */
export interface EnvelopeChecker {
  /** Checks one body, given as text or as its UTF-8 bytes (bytes a worker checker may take over: do not reuse them). */
  check(body: string | Uint8Array): Promise<CheckedEnvelope>;
  /** Stops the checker's threads, if any; pending checks are rejected. */
  close(): Promise<void>;
}

/** The text of a body given as text or UTF-8 bytes. */
export function bodyText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

/** Checks on the calling thread. */
export const inlineChecker: EnvelopeChecker = Object.freeze({
  check: (body: string | Uint8Array) => Promise.resolve().then(() => checkEnvelope(bodyText(body), typeof body === 'string' ? undefined : body)),
  close: () => Promise.resolve(),
});
