import type { Reporter } from '../spec/property-spec.ts';
import { member } from './json-path.ts';

// STIX 2.1 §2.6 / §10.7: the hex digest length of each algorithm of hashing-algorithm-ov.
const DIGEST: ReadonlyMap<string, RegExp> = new Map([
  ['MD5', /^[0-9a-fA-F]{32}$/],
  ['SHA-1', /^[0-9a-fA-F]{40}$/],
  ['SHA-256', /^[0-9a-fA-F]{64}$/],
  ['SHA-512', /^[0-9a-fA-F]{128}$/],
  ['SHA3-256', /^[0-9a-fA-F]{64}$/],
  ['SHA3-512', /^[0-9a-fA-F]{128}$/],
  ['SSDEEP', /^\S+$/],
  ['TLSH', /^(?:T1)?[0-9a-fA-F]{70}$/],
]);
const CUSTOM_ALGORITHM = /^[A-Za-z0-9_-]{3,250}$/;
const normalized = (name: string): string => name.toUpperCase().replace(/[-_]/g, '');
const SPELLING: ReadonlyMap<string, string> = new Map([...DIGEST.keys()].map((name) => [normalized(name), name]));

/** STIX 2.1 §2.6 hashes: a non-empty dictionary of algorithm name to digest. */
export function checkHashes(value: unknown, path: string, report: Reporter): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return report.error(path, 'hashes must be a dictionary of algorithm to digest');
  let count = 0;
  for (const algorithm in value) {
    count++;
    const digest = (value as Record<string, unknown>)[algorithm];
    const at = member(path, algorithm);
    const form = DIGEST.get(algorithm);
    if (typeof digest !== 'string') report.error(at, 'a hash value must be a string');
    else if (form) {
      if (!form.test(digest)) report.error(at, `"${digest}" is not a valid ${algorithm} digest`);
    } else if (!CUSTOM_ALGORITHM.test(algorithm)) {
      report.error(at, `hash algorithm name "${algorithm}" must be 3–250 characters of letters, digits, _ and -`);
    } else {
      const spelling = SPELLING.get(normalized(algorithm));
      report.warn(at, `"${algorithm}" is not in hashing-algorithm-ov${spelling ? ` (did you mean ${spelling}?)` : ''}`);
    }
  }
  if (count === 0) report.error(path, 'hashes must hold at least one hash');
}
