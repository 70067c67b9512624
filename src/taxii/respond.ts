import type { Context } from 'hono';
import type { ObjectVersion } from '../store/object-store.ts';
import { renderMicros } from '../store/timestamp.ts';
import { TAXII_MEDIA_TYPE } from './media-types.ts';

/** Sends a TAXII JSON body (an object, or JSON already built: text or UTF-8 bytes) with the TAXII 2.1 media type. */
export function taxiiJson(c: Context, body: unknown, status: 200 | 202 = 200): Response {
  const data = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  return c.body(data as string | Uint8Array<ArrayBuffer>, status, { 'Content-Type': TAXII_MEDIA_TYPE });
}

/** Sets X-TAXII-Date-Added-First/Last (TAXII 2.1 §3.3.1) from a page's first and last rows. */
export function setDateAddedHeaders(c: Context, page: readonly ObjectVersion[]): void {
  setDateAddedBounds(c, page[0]?.dateAdded, page[page.length - 1]?.dateAdded);
}

/** Sets X-TAXII-Date-Added-First/Last from a page's first and last date_added (none for an empty page). */
export function setDateAddedBounds(c: Context, first: number | undefined, last: number | undefined): void {
  if (first === undefined || last === undefined) return;
  c.header('X-TAXII-Date-Added-First', renderMicros(first));
  c.header('X-TAXII-Date-Added-Last', renderMicros(last));
}

/** The `more`/`next` prefix of an envelope, as JSON text without the closing brace. */
export function pagePrefix(more: boolean, next: string | undefined): string {
  return `{"more":${more}${next === undefined ? '' : `,"next":${JSON.stringify(next)}`}`;
}
