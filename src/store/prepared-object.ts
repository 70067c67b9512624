import { ParleyError } from '../errors.ts';
import type { StixObject } from './object-store.ts';
import { versionKey } from './timestamp.ts';

/**
 * A validated object ready for the store: its canonical stored JSON text and the columns derived from it. Built
 * off the SQLite thread when possible (a worker parses and validates a POST body), so the writer only runs SQL.
 */
export interface PreparedObject {
  readonly id: string;
  readonly type: string;
  /** `modified`, else `created`, as given; absent for objects that version by date_added. */
  readonly stated?: string;
  /** The sortable key of `stated` (see versionKey); absent exactly when `stated` is. */
  readonly versionKey?: string;
  readonly specVersion: string;
  /**
   * The stored form: JSON.stringify of the parsed object (the client's whitespace and escapes are not kept), as text
   * or as its UTF-8 bytes. A check worker hands over bytes, which the SQLite writer binds without making a string.
   */
  readonly json: string | Uint8Array;
}

/** JSON given as text or as its UTF-8 bytes (a stored form, a request body), as text. */
export function jsonText(json: string | Uint8Array): string {
  return typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8');
}

/**
 * Derives the stored form of one object; throws INVALID_STIX when modified/created is not an RFC 3339 timestamp.
 * `statedKey`, when the caller has already computed it, is versionKey of the versioning timestamp; `json`, when the
 * caller holds it already (the UTF-8 of exactly JSON.stringify(object)), is the stored form.
 */
export function prepareObject(object: StixObject, statedKey?: string, json: string | Uint8Array = JSON.stringify(object)): PreparedObject {
  const stated = typeof object.modified === 'string' ? object.modified : typeof object.created === 'string' ? object.created : undefined;
  let key: string | undefined;
  try {
    key = stated === undefined ? undefined : statedKey ?? versionKey(stated);
  } catch {
    throw new ParleyError('INVALID_STIX', `${object.id}: modified/created is not an RFC 3339 timestamp`);
  }
  const specVersion = typeof object.spec_version === 'string' ? object.spec_version : '2.1';
  return stated === undefined || key === undefined
    ? { id: object.id, type: object.type, specVersion, json }
    : { id: object.id, type: object.type, stated, versionKey: key, specVersion, json };
}
