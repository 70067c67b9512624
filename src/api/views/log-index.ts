import { decodeLogEntry, type LogEntry } from '../../ledger/log-entry.ts';
import type { LogStore } from '../../store/log-store.ts';

/** A logged entry with its leaf bytes exactly as stored. */
export interface IndexedEntry {
  entry: LogEntry;
  bytes: Buffer;
}

const PAGE = 4096;

/**
 * The log's entries keyed by `kind object_id` (the latest entry wins). Built by walking the log in pages: the
 * log store has no index by object, and a node's log stays in the range where one pass per request is cheap.
 */
export async function indexLogEntries(log: LogStore): Promise<ReadonlyMap<string, IndexedEntry>> {
  const size = await log.size();
  const index = new Map<string, IndexedEntry>();
  for (let start = 0; start < size; start += PAGE) {
    for (const leaf of await log.entries(start, Math.min(size, start + PAGE))) {
      const decoded = decodeLogEntry(leaf.bytes);
      if ('entry' in decoded) index.set(entryKey(decoded.entry.kind, decoded.entry.object_id), { entry: decoded.entry, bytes: leaf.bytes });
    }
  }
  return index;
}

/** The key of an entry in `indexLogEntries`. */
export function entryKey(kind: string, objectId: string): string {
  return `${kind} ${objectId}`;
}
