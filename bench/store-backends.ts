// Store backends side by side: ingest objects/s and page latency for SQLite and PostgreSQL (a throwaway cluster,
// or PARLEY_TEST_POSTGRES), and two PostgreSQL instances (two pools) ingesting into one collection at once.
// Run: node --import tsx bench/store-backends.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { startThrowawayCluster } from '../test/support/postgres-cluster.ts';
import { benchObject } from './taxii-objects.ts';

const OBJECTS = 50_000;
const BATCH = 500;
const PAGES = 200;
const PAGE_SIZE = 1000;

async function ingest(stores: readonly Store[], collection: string, offset = 0): Promise<number> {
  const started = performance.now();
  await Promise.all(stores.map(async (store, s) => {
    for (let i = s * BATCH; i < OBJECTS; i += BATCH * stores.length) {
      await store.objects.put(collection, Array.from({ length: Math.min(BATCH, OBJECTS - i) }, (_, k) => benchObject(offset + i + k)));
    }
  }));
  return OBJECTS / ((performance.now() - started) / 1000);
}

async function pageLatency(store: Store, collection: string): Promise<{ p50: number; p95: number }> {
  // Page starts spread over the whole collection: every 97th date_added.
  const starts: number[] = [];
  let next: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await store.objects.query({ collection, limit: PAGE_SIZE, next });
    page.objects.forEach((o, k) => k % 97 === 0 && starts.push(o.dateAdded));
    next = page.next;
    if (!next) break;
  }
  const times: number[] = [];
  for (let i = 0; i < PAGES; i++) {
    const t = performance.now();
    await store.objects.query({ collection, limit: PAGE_SIZE, addedAfter: starts[(i * 7919) % starts.length]! });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

async function database(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

const rows: string[][] = [];
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-backends-'));
const cluster = process.env.PARLEY_TEST_POSTGRES ? undefined : await startThrowawayCluster();
const admin = process.env.PARLEY_TEST_POSTGRES ?? cluster!.url;
try {
  const sqlite = openSqliteStore(join(dir, 'sqlite'));
  const sqliteCollection = (await sqlite.collections.addCollection({ title: 'bench' })).id;
  const sqliteRate = await ingest([sqlite], sqliteCollection);
  const sqlitePages = await pageLatency(sqlite, sqliteCollection);
  rows.push(['sqlite, 1 instance', sqliteRate.toFixed(0), sqlitePages.p50.toFixed(1), sqlitePages.p95.toFixed(1)]);
  await sqlite.close();

  const one = await openPostgresStore(await database(admin, 'parley_bench_one'));
  const pgCollection = (await one.collections.addCollection({ title: 'bench' })).id;
  const pgRate = await ingest([one], pgCollection);
  const pgPages = await pageLatency(one, pgCollection);
  rows.push(['postgres, 1 instance', pgRate.toFixed(0), pgPages.p50.toFixed(1), pgPages.p95.toFixed(1)]);
  await one.close();

  const url = await database(admin, 'parley_bench_two');
  const a = await openPostgresStore(url);
  const b = await openPostgresStore(url);
  const shared = (await a.collections.addCollection({ title: 'bench' })).id;
  const twoRate = await ingest([a, b], shared);
  const twoPages = await pageLatency(b, shared);
  rows.push(['postgres, 2 instances, 1 collection', twoRate.toFixed(0), twoPages.p50.toFixed(1), twoPages.p95.toFixed(1)]);
  await a.close();
  await b.close();
} finally {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}

const header = ['store', 'ingest objects/s', `page of ${PAGE_SIZE} p50 ms`, 'p95 ms'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`${OBJECTS} objects in batches of ${BATCH}; ${PAGES} pages by added_after (durability off on the throwaway cluster)`);
console.log(line(header));
for (const row of rows) console.log(line(row));
