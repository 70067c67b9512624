import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalSpans } from './canonical-spans.ts';

const SHARED = join(import.meta.dirname, '../../../../shared/stix');

/** Keys in a parsed value, at any depth. */
const keyCount = (value: unknown): number => {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + keyCount(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce((n, [, v]) => n + 1 + keyCount(v), 0);
};

/**
 * The property the store relies on: every element the scanner calls canonical (with as many keys as parsed) has
 * exactly JSON.stringify's text. Returns how many were canonical, so that tests can also require the shortcut to apply.
 */
function check(body: string): number {
  const bytes = Buffer.from(body);
  const objects = (JSON.parse(body) as { objects: unknown[] }).objects;
  const spans = canonicalSpans(bytes);
  if (!spans) return -1;
  expect(spans.count).toBe(objects.length);
  let canonical = 0;
  objects.forEach((object, i) => {
    expect(spans.start[i]).toBeGreaterThan(0);
    // Every element is found, canonical or not: its bytes parse to the element.
    expect(JSON.parse(bytes.subarray(spans.start[i], spans.end[i]).toString('utf8'))).toEqual(object);
    if (spans.canonical[i] !== 1 || spans.keys[i] !== keyCount(object)) return;
    expect(bytes.subarray(spans.start[i], spans.end[i]).toString('utf8')).toBe(JSON.stringify(object));
    canonical++;
  });
  return canonical;
}

const identity = { type: 'identity', spec_version: '2.1', id: 'identity--7a1b2c3d-0000-4000-8000-000000000001', name: 'Zürich 東京 🙂', identity_class: 'organization' };
const envelope = (...texts: string[]) => `{"objects":[${texts.join(',')}]}`;

/** A deterministic pseudo-random source (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON text of `value` written the way a client might: now and then whitespace, escapes, other number forms, duplicates. */
function write(value: unknown, r: () => number): string {
  const ws = () => (r() < 0.02 ? ' ' : '');
  if (typeof value === 'string') {
    let out = '"';
    for (const ch of value) {
      const plain = JSON.stringify(ch).slice(1, -1);
      out += r() < 0.03 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : r() < 0.01 && ch === '/' ? '\\/' : plain;
    }
    return `${out}"`;
  }
  if (typeof value === 'number') {
    const roll = r();
    return roll < 0.03 ? value.toExponential() : roll < 0.05 && Number.isInteger(value) && !String(value).includes('e') ? `${value}.0` : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${ws()}${value.map((v) => write(v, r)).join(`,${ws()}`)}${ws()}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${write(k, r)}${ws()}:${ws()}${write(v, r)}`);
    if (r() < 0.02 && entries.length > 0) entries.push(`${entries[0]!.slice(0, entries[0]!.indexOf(':'))}:0`);
    return `{${ws()}${entries.join(',')}${ws()}}`;
  }
  return JSON.stringify(value);
}

/** A random STIX-like value: strings with every kind of character, numbers, nesting. */
function sample(r: () => number, depth = 0): unknown {
  const roll = r();
  if (depth > 2 || roll < 0.4) {
    const chars = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\u0001', '\u001f', 'é', '東', '🙂', '\u2028', '\u007f'];
    return r() < 0.7 ? Array.from({ length: Math.floor(r() * 12) }, () => chars[Math.floor(r() * chars.length)]).join('') : [0, 7, -3, 1.25, 1e21, 5e-7, 2 ** 53, true, null][Math.floor(r() * 9)];
  }
  if (roll < 0.6) return Array.from({ length: Math.floor(r() * 4) }, () => sample(r, depth + 1));
  const keys = ['type', 'id', 'name', 'x_n', '__proto__', 'a b', 'é'];
  return Object.fromEntries(Array.from({ length: 1 + Math.floor(r() * 5) }, (_, k) => [keys[(k + Math.floor(r() * 7)) % 7]!, sample(r, depth + 1)]));
}

describe('canonical spans', () => {
  it('agrees with JSON.stringify on 3,000 randomly written elements (seeded)', () => {
    const r = random(20261205);
    const objects = Array.from({ length: 3000 }, () => ({ type: 'x', value: sample(r) }));
    const body = `{"objects":[${objects.map((o) => write(o, r)).join(',')}]}`;
    const canonical = check(body);
    // Both outcomes occur: the shortcut applies, and the refusals are exercised.
    expect(canonical).toBeGreaterThan(300);
    expect(canonical).toBeLessThan(2900);
  });

  it('finds every compact element of the OASIS examples and ATT&CK bundles, each equal to JSON.stringify', () => {
    const dir = join(SHARED, 'oasis-examples/examples');
    const objects: unknown[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { objects?: unknown[] };
      objects.push(...(doc.objects ?? [doc]));
    }
    for (const file of readdirSync(join(SHARED, 'attack')).filter((f) => f.endsWith('.json'))) {
      objects.push(...(JSON.parse(readFileSync(join(SHARED, 'attack', file), 'utf8')) as { objects: unknown[] }).objects);
    }
    expect(objects.length).toBeGreaterThan(3000);
    // Compact, as JSON.stringify writes it: every element is canonical.
    expect(check(JSON.stringify({ objects }))).toBe(objects.length);
    // Pretty-printed: none is, and each is still found.
    expect(check(JSON.stringify({ objects }, null, 2))).toBe(0);
  });

  it('refuses exactly the texts JSON.stringify would write differently', () => {
    const compact = JSON.stringify(identity);
    const variants = [
      compact.replace('"name":', '"name" :'), // whitespace
      compact.replace('Zürich', 'Z\\u00fcrich'), // an escape JSON.stringify does not write
      compact.replace('Zürich', 'Z\\/rich'),
      compact.replace('}', ',"n":1.50}'), // numbers in another form
      compact.replace('}', ',"n":1e2}'),
      compact.replace('}', ',"n":-0}'),
      compact.replace('}', ',"n":12345678901234567890}'),
      compact.replace('}', ',"17":true}'), // an array-index key, which V8 moves first
      compact.replace('}', ',"name":"again"}'), // a duplicate key (caught by the key count)
      compact.replace('}', ',"x":{"a":1,"a":2}}'),
      compact.replace('}', ',"c":"\\u001F"}'), // uppercase hex
      compact.replace('}', ',"c":"\\u000a"}'), // \n has a short form
    ];
    for (const variant of variants) expect(check(envelope(compact, variant)), variant).toBe(1);
    // Escapes and numbers exactly as JSON.stringify writes them are canonical.
    const exact = JSON.stringify({ ...identity, description: 'tab\there "quoted" back\\slash \u0001 \u001f end', n: [0, -1, 1.5, 1e21, 1e-7, 123456789012345], b: [true, false, null], e: {}, a: [] });
    expect(check(envelope(exact, compact))).toBe(2);
  });

  it('keeps elements aligned whatever surrounds the list, and gives up on envelopes it cannot follow', () => {
    const compact = JSON.stringify(identity);
    // Elements that are not objects are found too (validation refuses them later).
    expect(check(`{"more":false,"next":"x","objects":[${compact},"text",42,null,[1],${compact}],"z":{"objects":[1]}}`)).toBe(6);
    expect(check(` { "objects" : [ ${compact} , ${compact} ] } `)).toBe(2);
    expect(check(envelope())).toBe(0);
    // Two `objects` keys: JSON.parse keeps the last; the scanner does not guess.
    expect(canonicalSpans(Buffer.from(`{"objects":[${compact}],"objects":[${compact}]}`))).toBeUndefined();
    // A top-level key spelled with an escape may be `objects` to JSON.parse (the last one wins): no guess either.
    expect(canonicalSpans(Buffer.from(`{"obj\\u0065cts":[${compact}]}`))).toBeUndefined();
    expect(canonicalSpans(Buffer.from(`{"objects":[${compact}],"obj\\u0065cts":[]}`))).toBeUndefined();
    expect(canonicalSpans(Buffer.from(`{"x_caf\\u00e9":1,"objects":[${compact}]}`))).toBeUndefined();
    // No list, a list that is not one, text cut inside a string.
    expect(canonicalSpans(Buffer.from('{"more":false}'))).toBeUndefined();
    expect(canonicalSpans(Buffer.from(`{"objects":{"a":${compact}}}`))).toBeUndefined();
    expect(canonicalSpans(Buffer.from(`{"objects":[${compact.slice(0, 40)}`))).toBeUndefined();
    // Nested lists called objects are not the envelope's.
    expect(canonicalSpans(Buffer.from(`[{"objects":[${compact}]}]`))).toBeUndefined();
  });
});
