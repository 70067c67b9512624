/**
 * Deterministic identifiers of cyber-observable objects (STIX 2.1 §2.9): the same observable seen by two
 * producers gets the same id, so consumers can merge them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { scoTypes } from './types/sco/index.ts';

// The package is CommonJS whose typings claim an ES default export; load it as what it is.
const canonicalizeJson = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

/** STIX 2.1 §2.9: the namespace of every SCO UUIDv5. */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const contributing: ReadonlyMap<string, readonly string[]> = new Map(
  scoTypes.map((spec) => [spec.type, spec.idContributing ?? []]),
);

// §2.9: when hashes contribute, only one hash is used, chosen in this order; the same order stix2 (the OASIS
// Python library) applies, falling back to the first hash listed when none of these is present.
const HASH_PREFERENCE = Object.freeze(['MD5', 'SHA-1', 'SHA-256', 'SHA-512']);

/** True when `type` is one of the 18 STIX 2.1 SCO types. */
export function isScoType(type: string): boolean {
  return contributing.has(type);
}

/** True when objects of `type` get UUIDv5 ids from their content (all SCO types except `process`). */
export function isDeterministicIdType(type: string): boolean {
  return (contributing.get(type)?.length ?? 0) > 0;
}

/** The id-contributing properties of an SCO type in STIX 2.1 §6 order, or undefined for a non-SCO type. */
export function idContributingProperties(type: string): readonly string[] | undefined {
  return contributing.get(type);
}

/**
 * The STIX 2.1 §2.9 identifier of an SCO: `type--UUIDv5` over the JCS form of its present id-contributing
 * properties, or `type--UUIDv4` when none is present or the type has none. Throws a TypeError for a non-SCO.
 */
export function deterministicId(sco: Readonly<Record<string, unknown>>): string {
  const type = sco.type;
  if (typeof type !== 'string') throw new TypeError('the object has no "type" string');
  const properties = contributing.get(type);
  if (!properties) throw new TypeError(`"${type}" is not a STIX 2.1 cyber-observable type`);
  const name = idName(sco, properties);
  return `${type}--${name === undefined ? randomUUID() : uuidV5(SCO_ID_NAMESPACE, name)}`;
}

/** The canonical JSON the UUIDv5 is computed over, or undefined when no contributing property is present. */
export function idName(sco: Readonly<Record<string, unknown>>, properties: readonly string[]): string | undefined {
  const selected: Record<string, unknown> = {};
  for (const property of properties) {
    const value = sco[property];
    if (value === undefined) continue;
    if (property === 'hashes') {
      const hash = chooseOneHash(value);
      if (hash) selected.hashes = hash;
    } else {
      selected[property] = value;
    }
  }
  if (Object.keys(selected).length === 0) return undefined;
  const text = canonicalizeJson(selected);
  if (text === undefined) throw new TypeError('id-contributing properties have no JSON form');
  return text;
}

function chooseOneHash(hashes: unknown): Record<string, unknown> | undefined {
  if (typeof hashes !== 'object' || hashes === null || Array.isArray(hashes)) return undefined;
  const entries = hashes as Record<string, unknown>;
  const algorithm = HASH_PREFERENCE.find((a) => entries[a] !== undefined) ?? Object.keys(entries)[0];
  return algorithm === undefined ? undefined : { [algorithm]: entries[algorithm] };
}

/** RFC 9562 §5.5 UUIDv5: SHA-1 over the namespace bytes then the UTF-8 name, with version and variant set. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
