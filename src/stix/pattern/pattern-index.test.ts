import { describe, expect, it } from 'vitest';
import { matchPattern } from './matcher.ts';
import { observationsFrom, type Observation } from './observation.ts';
import { PatternIndex } from './pattern-index.ts';
import { parsePattern } from './parser.ts';

/** A small deterministic generator (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IPS = ['10.0.0.1', '10.0.0.2', '192.168.1.1', '2001:db8::1'];
const DOMAINS = ['a.example', 'b.example', 'evil.test'];
const SIZES = [1, 2, 10];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function comparison(rand: () => number): string {
  switch (Math.floor(rand() * 19)) {
    case 12: return `domain-name:value LIKE '${pick(rand, ['a.%', 'evil_test', 'b.ex%le', '%', '%test'])}'`;
    case 13: return `domain-name:value MATCHES '${pick(rand, ['^ev?il', '^a\\\\.example$', '^b+', '^(a|e)', '^b.ex', 'example$'])}'`;
    case 14: return `ipv4-addr:value ISSUBSET '${pick(rand, ['2001:db8::/32', '192.168.0.0/16', '10.0.0.2/32', '0.0.0.0/0', '10.0.0.0/31'])}'`;
    case 15: return `ipv4-addr:value NOT ISSUBSET '10.0.0.0/8'`;
    case 16: return `domain-name:value NOT LIKE 'a%'`;
    case 17: return `ipv4-addr:value ISSUPERSET '10.0.0.1'`;
    case 18: return `network-traffic:dst_ref.value LIKE '10.%'`;
    case 0: return `ipv4-addr:value = '${pick(rand, IPS)}'`;
    case 1: return `domain-name:value = '${pick(rand, DOMAINS)}'`;
    case 2: return `ipv4-addr:value IN ('${pick(rand, IPS)}', '${pick(rand, IPS)}')`;
    case 3: return `domain-name:value LIKE '%.example'`;
    case 4: return `domain-name:value MATCHES '^e'`;
    case 5: return `ipv4-addr:value ISSUBSET '10.0.0.0/8'`;
    case 6: return `file:size = ${pick(rand, SIZES)}`;
    case 7: return `file:size > ${pick(rand, SIZES)} AND file:name = 'x.exe'`;
    case 8: return `file:name != 'x.exe'`;
    case 9: return `NOT EXISTS file:name`;
    case 10: return `domain-name:value = '${pick(rand, DOMAINS)}' OR file:size NOT = ${pick(rand, SIZES)}`;
    default: return `network-traffic:dst_ref.value = '${pick(rand, IPS)}'`;
  }
}

function patternText(rand: () => number): string {
  const obs = () => `[${comparison(rand)}]`;
  switch (Math.floor(rand() * 8)) {
    case 0: return `${obs()} AND ${obs()}`;
    case 1: return `${obs()} OR ${obs()}`;
    case 2: return `${obs()} FOLLOWEDBY ${obs()}`;
    case 3: return `${obs()} REPEATS 2 TIMES`;
    case 4: return `(${obs()} OR ${obs()}) WITHIN 60 SECONDS`;
    default: return obs();
  }
}

function observationBatch(rand: () => number, serial: { n: number }): Observation[] {
  const objects: Record<string, unknown>[] = [];
  const count = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < count; i++) {
    const n = serial.n++;
    const refs: string[] = [];
    const add = (sco: Record<string, unknown>) => {
      const id = `${sco.type}--${n}-${refs.length}`;
      objects.push({ id, ...sco });
      refs.push(id);
      return id;
    };
    const ip = add({ type: 'ipv4-addr', value: pick(rand, IPS) });
    if (rand() < 0.5) add({ type: 'domain-name', value: pick(rand, DOMAINS) });
    if (rand() < 0.4) add({ type: 'file', size: pick(rand, SIZES), ...(rand() < 0.5 ? { name: 'x.exe' } : {}) });
    if (rand() < 0.3) add({ type: 'network-traffic', dst_ref: ip });
    const time = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 120) * 1000).toISOString();
    objects.push({ type: 'observed-data', id: `observed-data--${n}`, first_observed: time, last_observed: time, number_observed: rand() < 0.2 ? 2 : 1, object_refs: refs });
  }
  return observationsFrom(objects);
}

describe('PatternIndex', () => {
  it('returns exactly what a loop over every pattern returns (randomised)', () => {
    for (const seed of [1, 2, 3]) {
      const rand = random(seed);
      const index = new PatternIndex();
      const patterns = new Map<string, string>();
      for (let i = 0; i < 300; i++) {
        const text = patternText(rand);
        patterns.set(`indicator--${i}`, text);
        index.add(`indicator--${i}`, text);
      }
      for (let i = 0; i < 60; i++) {
        const id = `indicator--${Math.floor(rand() * 300)}`;
        index.remove(id);
        patterns.delete(id);
      }
      const serial = { n: 0 };
      let hits = 0;
      for (let round = 0; round < 200; round++) {
        const batch = observationBatch(rand, serial);
        const expected = [...patterns].filter(([, text]) => matchPattern(text, batch).matched).map(([id]) => id);
        expect(index.match(batch), `seed ${seed} round ${round}`).toEqual(expected);
        hits += expected.length;
      }
      expect(hits).toBeGreaterThan(100);
    }
  });

  it('adds, replaces and removes patterns by id', () => {
    const index = new PatternIndex();
    const batch = observationBatch(random(9), { n: 0 });
    const value = (batch[0].objects.find((o) => o.type === 'ipv4-addr') as { value: string }).value;
    index.add('indicator--a', `[ipv4-addr:value = '${value}']`);
    index.add('indicator--b', parsePattern(`[ipv4-addr:value NOT = '${value}']`));
    index.add('indicator--c', "[ipv4-addr:value LIKE '%']");
    expect(index.size).toBe(3);
    expect(index.match(batch[0])).toEqual(['indicator--a', 'indicator--c']);
    index.add('indicator--a', "[ipv4-addr:value = 'other']");
    expect(index.match(batch[0])).toEqual(['indicator--c']);
    expect(index.remove('indicator--c')).toBe(true);
    expect(index.remove('indicator--c')).toBe(false);
    expect(index.match(batch)).toEqual([]);
    expect(index.size).toBe(2);
    expect(() => index.add('indicator--bad', '[ipv4-addr:value =')).toThrow(/at 18/);
  });

  it('keeps patterns under quoted and unquoted keys apart only by their key', () => {
    const index = new PatternIndex();
    index.add('indicator--q', "[file:hashes.'MD5' = 'aa']");
    index.add('indicator--u', "[file:hashes.MD5 = 'aa']");
    const [obs] = observationsFrom([
      { type: 'file', id: 'file--1', hashes: { MD5: 'aa' } },
      { type: 'observed-data', id: 'observed-data--1', first_observed: '2026-01-01T00:00:00Z', last_observed: '2026-01-01T00:00:00Z', number_observed: 1, object_refs: ['file--1'] },
    ]);
    expect(index.match(obs)).toEqual(['indicator--q', 'indicator--u']);
  });
});
