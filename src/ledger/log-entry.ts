import { hash } from 'node:crypto';
import { canonicalBytes, canonicalize } from './canonical-json.ts';

/** What a log entry records. Closed: add a kind here (and to docs/ledger.md) to extend it. */
export const LOG_ENTRY_KINDS = Object.freeze([
  'message-sent',
  'message-received',
  'agreement',
  'deadline-event',
  'checkpoint-received',
] as const);

export type LogEntryKind = (typeof LOG_ENTRY_KINDS)[number];

/** A JSON value small enough for an entry's `detail`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One leaf of the log; its leaf bytes are the RFC 8785 canonical JSON of this object. */
export interface LogEntry {
  index: number;
  kind: LogEntryKind;
  object_id: string;
  object_modified: string;
  /** SHA-256 (hex) of the RFC 8785 canonical JSON of the logged object. */
  digest: string;
  /** RFC 3339 time the node logged it. */
  logged_at: string;
  detail?: { [key: string]: JsonValue };
}

/** An entry before the log assigns its index. */
export type LogEntryDraft = Omit<LogEntry, 'index'>;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const MAX_DETAIL_BYTES = 4096;

/** SHA-256 (hex) of the RFC 8785 canonical JSON of an object: the `digest` of its entry. */
export function objectDigest(object: unknown): string {
  return hash('sha256', canonicalBytes(object), 'hex');
}

/** Why a value is not a well-formed log entry, or null when it is. */
export function logEntryProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const e = value as Record<string, unknown>;
  const allowed = new Set(['index', 'kind', 'object_id', 'object_modified', 'digest', 'logged_at', 'detail']);
  const extra = Object.keys(e).find((k) => !allowed.has(k));
  if (extra !== undefined) return `unknown property "${extra}"`;
  if (!Number.isSafeInteger(e.index) || (e.index as number) < 0) return 'index is not a non-negative integer';
  if (!(LOG_ENTRY_KINDS as readonly unknown[]).includes(e.kind)) return `unknown kind ${JSON.stringify(e.kind)}`;
  if (typeof e.object_id !== 'string' || e.object_id === '') return 'object_id is not a non-empty string';
  if (typeof e.object_modified !== 'string' || !RFC3339.test(e.object_modified)) return 'object_modified is not an RFC 3339 time';
  if (typeof e.digest !== 'string' || !HEX_SHA256.test(e.digest)) return 'digest is not a lower-case hex SHA-256';
  if (typeof e.logged_at !== 'string' || !RFC3339.test(e.logged_at)) return 'logged_at is not an RFC 3339 time';
  if (e.detail !== undefined) {
    if (typeof e.detail !== 'object' || e.detail === null || Array.isArray(e.detail)) return 'detail is not an object';
    if (canonicalize(e.detail).length > MAX_DETAIL_BYTES) return `detail is over ${MAX_DETAIL_BYTES} bytes`;
  }
  return null;
}

/** The leaf bytes of an entry: its RFC 8785 canonical JSON. Throws a RangeError for a malformed entry. */
export function encodeLogEntry(entry: LogEntry): Buffer {
  const problem = logEntryProblem(entry);
  if (problem !== null) throw new RangeError(`log entry: ${problem}`);
  return canonicalBytes(entry);
}

/** Builds the leaf bytes of drafts once the store has assigned the first index (for LogStore.append). */
export function entryLeaves(drafts: readonly LogEntryDraft[]): (firstIndex: number) => Buffer[] {
  return (first) => drafts.map((draft, i) => encodeLogEntry({ ...draft, index: first + i }));
}

/** Parses stored leaf bytes: the entry, or why the bytes are not exactly a canonical, well-formed entry. */
export function decodeLogEntry(bytes: Uint8Array): { entry: LogEntry } | { problem: string } {
  const text = Buffer.from(bytes).toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return { problem: 'not UTF-8' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  const problem = logEntryProblem(value);
  if (problem !== null) return { problem };
  // Any edit that keeps the JSON valid but not canonical (spacing, key order) must still show.
  if (canonicalize(value) !== text) return { problem: 'not in RFC 8785 canonical form' };
  return { entry: value as LogEntry };
}
