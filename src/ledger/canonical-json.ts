import { createRequire } from 'node:module';

// The package is CommonJS whose typings claim an ES default export; load it as what it is.
const canonicalizeJson = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

/** RFC 8785 (JCS) canonical form of a JSON value, the exact bytes Parley signs and hashes. */
export function canonicalize(value: unknown): string {
  const text = canonicalizeJson(value);
  if (text === undefined) throw new TypeError('value has no JSON form (undefined, a function or a symbol)');
  return text;
}

/** The canonical form as UTF-8 bytes. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}
