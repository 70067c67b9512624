import { createHmac, timingSafeEqual } from 'node:crypto';
import { ParleyError } from '../errors.ts';
import type { ObjectQuery } from './object-store.ts';

/**
 * Stateless `next` cursors: the last date_added of a page, bound by an HMAC to the node secret and to the
 * request's filters, so a cursor works after a restart and on any instance sharing the DB, and a cursor that was
 * edited or reused with other filters is refused (400) rather than silently skipping or repeating objects.
 */
export function encodeCursor(secret: Buffer, filterKey: string, lastDateAdded: number): string {
  const body = String(lastDateAdded);
  return `${Buffer.from(body).toString('base64url')}.${mac(secret, filterKey, body)}`;
}

/** Returns the date_added a cursor continues after; throws INVALID_FILTER if forged or used with other filters. */
export function decodeCursor(secret: Buffer, filterKey: string, cursor: string): number {
  const [encoded, tag, extra] = cursor.split('.');
  const body = encoded === undefined ? '' : Buffer.from(encoded, 'base64url').toString();
  const expected = Buffer.from(mac(secret, filterKey, body));
  const given = Buffer.from(tag ?? '');
  if (extra !== undefined || !/^\d{1,17}$/.test(body) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ParleyError('INVALID_FILTER', 'next is not a cursor this server issued for these filters');
  }
  return Number(body);
}

/**
 * Where a page of `query` starts: its filter key (what a cursor is bound to) and the date_added it continues after
 * (the later of `added_after` and the cursor's position); throws INVALID_FILTER for a cursor of other filters.
 */
export function pageStart(secret: Buffer, query: ObjectQuery): { filterKey: string; after: number } {
  const filterKey = JSON.stringify([query.collection, query.addedAfter ?? null, query.ids ?? null, query.types ?? null,
    query.versions ?? null, query.specVersions ?? null]);
  const after = Math.max(query.addedAfter ?? -1, query.next === undefined ? -1 : decodeCursor(secret, filterKey, query.next));
  return { filterKey, after };
}

function mac(secret: Buffer, filterKey: string, body: string): string {
  return createHmac('sha256', secret).update(filterKey).update('\0').update(body).digest('base64url').slice(0, 22);
}
