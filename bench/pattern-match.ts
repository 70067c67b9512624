// Bench: 10,000 indicator patterns in a PatternIndex, matched one observed-data at a time.
// Run: node --import tsx bench/pattern-match.ts [indicators] [observations]
import { createHash } from 'node:crypto';
import { PatternIndex, observationsFrom, type Observation } from '../src/stix/pattern/index.ts';

const INDICATORS = Number(process.argv[2] ?? 10_000);
const OBSERVATIONS = Number(process.argv[3] ?? 200_000);

/** Deterministic pseudo-random numbers so runs compare. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(42);
const int = (n: number) => Math.floor(rand() * n);
const ip = (i: number) => `${10 + (i % 200)}.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`;
const domain = (i: number) => `host${i}.example${i % 50}.com`;
const sha = (i: number) => createHash('sha256').update(String(i)).digest('hex');
const url = (i: number) => `https://${domain(i)}/path/${i}`;

/** A realistic mix: mostly single equalities, some AND/OR, a few LIKE/MATCHES/CIDR and multi-observation ones. */
function indicatorPattern(i: number, unkeyedShare: number): string {
  const r = rand();
  // Patterns with nothing to hash (only negations here) are tried on every SCO of their type.
  if (r < unkeyedShare) return `[domain-name:value NOT LIKE 'host%' AND domain-name:value != '${domain(i)}']`;
  if (r < 0.33) return `[ipv4-addr:value = '${ip(i)}']`;
  if (r < 0.53) return `[domain-name:value = '${domain(i)}']`;
  if (r < 0.73) return `[file:hashes.'SHA-256' = '${sha(i)}']`;
  if (r < 0.83) return `[url:value = '${url(i)}']`;
  if (r < 0.88) return `[domain-name:value = '${domain(i)}' OR domain-name:value = '${domain(i + 1)}']`;
  if (r < 0.92) return `[file:hashes.'SHA-256' = '${sha(i)}' AND file:size > 1000]`;
  if (r < 0.94) return `[network-traffic:dst_ref.value = '${ip(i)}' AND network-traffic:dst_port IN (443, 8443)]`;
  if (r < 0.97) return `[ipv4-addr:value = '${ip(i)}'] FOLLOWEDBY [domain-name:value = '${domain(i)}'] WITHIN 300 SECONDS`;
  if (r < 0.98) return `[url:value LIKE 'https://${domain(i)}/%']`;
  if (r < 0.99) return `[domain-name:value MATCHES '^host${i}[0-9]*\\\\.example']`;
  if (r < 0.995) return `[ipv4-addr:value ISSUBSET '${10 + (i % 200)}.${i & 255}.0.0/16']`;
  // No literal to hash: these sit in the per-type lists and are tried on every SCO of their type.
  return `[url:value LIKE '%/${domain(i)}/%' OR domain-name:value LIKE '%.bad${i}.%']`;
}

/** One observed-data with one to three SCOs; about one in ten carries a value some indicator names. */
function observation(n: number): Observation[] {
  const hit = rand() < 0.1;
  const v = hit ? int(INDICATORS) : INDICATORS + int(1_000_000);
  const refs: string[] = [];
  const objects: Record<string, unknown>[] = [];
  const add = (sco: Record<string, unknown>) => {
    const id = `${sco.type}--${n}-${refs.length}`;
    objects.push({ id, ...sco });
    refs.push(id);
    return id;
  };
  const kind = int(4);
  if (kind === 0) {
    const dst = add({ type: 'ipv4-addr', value: ip(v) });
    add({ type: 'network-traffic', dst_ref: dst, dst_port: 443, protocols: ['tcp'] });
  } else if (kind === 1) add({ type: 'domain-name', value: domain(v) });
  else if (kind === 2) add({ type: 'file', size: 4096, hashes: { 'SHA-256': sha(v) } });
  else add({ type: 'url', value: url(v) });
  const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
  objects.push({ type: 'observed-data', id: `observed-data--${n}`, first_observed: at, last_observed: at, number_observed: 1, object_refs: refs });
  return observationsFrom(objects);
}

// Observations are built (untimed) in chunks, as a stream would hold them, not all at once.
const CHUNK = 10_000;

function run(mix: string, unkeyedShare: number): Record<string, string | number> {
  const patterns = Array.from({ length: INDICATORS }, (_, i) => indicatorPattern(i, unkeyedShare));
  let started = process.hrtime.bigint();
  const index = new PatternIndex();
  patterns.forEach((p, i) => index.add(`indicator--${i}`, p));
  const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  let hits = 0;
  let nanos = 0n;
  for (let first = 0; first < OBSERVATIONS; first += CHUNK) {
    const chunk = Array.from({ length: Math.min(CHUNK, OBSERVATIONS - first) }, (_, k) => observation(first + k));
    started = process.hrtime.bigint();
    for (const batch of chunk) hits += index.match(batch).length;
    nanos += process.hrtime.bigint() - started;
  }
  const seconds = Number(nanos) / 1e9;
  return {
    mix,
    'patterns indexed': index.size,
    'without a hash key': index.unkeyedCount,
    'index build (s)': buildSeconds.toFixed(3),
    observations: OBSERVATIONS,
    'indicator matches': hits,
    seconds: seconds.toFixed(3),
    'observations/s': Math.round(OBSERVATIONS / seconds),
  };
}

console.table([run('realistic', 0), run('realistic + 1% unkeyed', 0.01)]);
