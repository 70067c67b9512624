import { isUtf8 } from 'node:buffer';
import { ParleyError } from '../../errors.ts';
import { validateObject } from '../../stix/validate.ts';
import type { StixObject } from '../../store/object-store.ts';
import { jsonText, prepareObject, type PreparedObject } from '../../store/prepared-object.ts';
import type { StatusDetail } from '../../store/status-store.ts';
import { versionKey } from '../../store/timestamp.ts';
import { canonicalSpans, keysIn } from './canonical-spans.ts';
import { parseInParts } from './parse-in-parts.ts';

/** A POST body sorted into objects ready to store and failures for the status resource. */
export interface CheckedEnvelope {
  /** How many objects the envelope held. */
  total: number;
  valid: PreparedObject[];
  failures: StatusDetail[];
  /**
   * The status `successes` list as JSON (UTF-8), set by a worker checker (packEnvelope) when every valid object states
   * its version (modified or created): stored or already there, each is then reported with it. Absent otherwise, and
   * from the inline checker.
   */
  successesJson?: Uint8Array;
}

/**
 * Parses a TAXII envelope, given as text or as UTF-8 bytes, and validates every object with the STIX validator.
 * Throws MALFORMED_JSON when the body is not JSON and BAD_REQUEST when it has no `objects` list; invalid objects
 * become failures. Pure: runs in a worker. From bytes, the list is parsed in parts (see parseInParts), and an object
 * whose bytes are already its stored form (see canonicalSpans) keeps them as its `json`, a view of the body, instead
 * of a new JSON.stringify text.
 */
export function checkEnvelope(body: string | Uint8Array): CheckedEnvelope {
  // Invalid UTF-8 decodes with replacement characters: those bytes would not be the text that was validated.
  const bytes = typeof body !== 'string' && isUtf8(body) ? asBuffer(body) : undefined;
  const scanned = bytes ? canonicalSpans(bytes) : undefined;
  const inParts = bytes && scanned ? parseInParts(bytes, scanned) : undefined;
  const objects = inParts ?? parseEnvelope(jsonText(body));
  const spans = inParts ? scanned : undefined;
  const valid: PreparedObject[] = [];
  const failures: StatusDetail[] = [];
  objects.forEach((object, i) => {
    const stored = spans && spans.canonical[i] === 1 && spans.keys[i] === keysIn(object) ? bytes!.subarray(spans.start[i], spans.end[i]) : undefined;
    const checked = checkObject(object, stored);
    if (typeof checked !== 'string') valid.push(checked);
    else failures.push({ id: stringProp(object, 'id'), version: versionOf(object), message: checked });
  });
  return { total: objects.length, valid, failures };
}

const asBuffer = (bytes: Uint8Array) => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/** The `objects` list of a TAXII envelope; MALFORMED_JSON when the body is not JSON, BAD_REQUEST without a list. */
export function parseEnvelope(text: string): unknown[] {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch (error) {
    throw new ParleyError('MALFORMED_JSON', `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const objects = typeof envelope === 'object' && envelope !== null ? (envelope as { objects?: unknown }).objects : undefined;
  if (!Array.isArray(objects)) throw new ParleyError('BAD_REQUEST', 'the body must be a TAXII envelope with an "objects" list');
  return objects;
}

/** The object ready to store (with `json` as its stored form, when given), or the first reason it cannot be stored. */
function checkObject(object: unknown, json: Uint8Array | undefined): PreparedObject | string {
  const result = validateObject(object);
  if (!result.valid) return result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  const o = object as Record<string, unknown>;
  if (typeof o.type !== 'string' || typeof o.id !== 'string') return '$: an object needs a type and an id';
  // Each timestamp is parsed once: the key of the one that versions the object goes to prepareObject. A `created`
  // equal to `modified` (every first version) is the same text, already checked.
  let stateKey: string | undefined;
  for (const name of ['modified', 'created']) {
    if (o[name] === undefined || (name === 'created' && o.created === o.modified)) continue;
    try {
      const key = versionKey(String(o[name]));
      stateKey ??= typeof o[name] === 'string' ? key : undefined;
    } catch {
      return `$.${name}: not an RFC 3339 timestamp`;
    }
  }
  return prepareObject(o as StixObject, stateKey, json);
}

function stringProp(object: unknown, name: string): string {
  const value = typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

function versionOf(object: unknown): string {
  return stringProp(object, 'modified') || stringProp(object, 'created');
}
