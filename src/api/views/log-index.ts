import { decodeLogEntry, type LogEntry } from '../../ledger/log-entry.ts';
import type { LogStore } from '../../store/log-store.ts';

/** A logged entry with its leaf bytes exactly as stored. */
export interface IndexedEntry {
  entry: LogEntry;
  bytes: Buffer;
}

const PAGE = 4096;

/**
 * The log's entries for the given objects keyed by `kind object_id` (the latest entry wins). Built by walking the
 * log in pages, since the log store has no index by object; only leaves whose bytes contain a wanted id are decoded.
 */
export async function indexLogEntries(log: LogStore, objectIds: readonly string[]): Promise<ReadonlyMap<string, IndexedEntry>> {
  const wanted = objectIds.map((id) => Buffer.from(`"${id}"`));
  const index = new Map<string, IndexedEntry>();
  if (wanted.length === 0) return index;
  const size = await log.size();
  for (let start = 0; start < size; start += PAGE) {
    for (const leaf of await log.entries(start, Math.min(size, start + PAGE))) {
      if (!wanted.some((id) => leaf.bytes.includes(id))) continue;
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
