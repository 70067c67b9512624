// The floor of TAXII POST ingest on this machine: the least CPU a server spends per 1,000-object bundle on the work
// the ingest target counts (read the POST, parse and validate every object, store it with the indexes the flat queries
// need, store the status, commit, answer), each part measured alone with nothing else of ours around it, and the
// ingest rate those parts allow on this machine's cores, as a share of the raw baseline of bench/taxii.ts.
// Run: node --import tsx bench/taxii-floor.ts
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { validateObject } from '../src/stix/validate.ts';
import type { PreparedObject } from '../src/store/prepared-object.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { checkEnvelope } from '../src/taxii/ingest/check-envelope.ts';
import { rawBaseline } from './raw-baseline.ts';
import { INGEST_CLIENT } from './taxii-client.ts';
import { benchObject } from './taxii-objects.ts';
import { cpuSplit, processThreadsCpuMs } from './thread-cpu.ts';

const BUNDLES = 100;
const TRIALS = 3;
const MEDIA_TYPE = 'application/stix+json;version=2.1';

const bodies = Array.from({ length: BUNDLES }, (_, b) => JSON.stringify({ objects: Array.from({ length: 1000 }, (_, k) => benchObject(b * 1000 + k)) }));
const bytes = bodies.map((body) => Buffer.from(body));

/** CPU ms per bundle of this thread and of the process's other threads over `work`. */
async function threadCpu(work: () => Promise<void> | void): Promise<{ self: number; others: number }> {
  const before = processThreadsCpuMs();
  await work();
  const split = cpuSplit(before, processThreadsCpuMs(), BUNDLES);
  if (!split) throw new Error('this benchmark needs Linux /proc/self/task');
  return { self: split.self, others: split.others };
}

/** CPU ms per bundle of the whole process (all threads: V8's GC helpers included) over `work`. */
function processCpu(work: (bundle: number) => void): number {
  for (let b = 0; b < 10; b++) work(b); // warm-up: optimised code, as in a running server
  const before = process.cpuUsage();
  for (let b = 0; b < BUNDLES; b++) work(b);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / BUNDLES;
}

/**
 * The SQL alone, on the TAXII schema as `parley serve` opens it (background checkpoints): per bundle one IMMEDIATE
 * transaction, 1,000 plain INSERTs (every object new: no lookups, no flags to update), the status row with its
 * 1,000 successes, COMMIT. `drop` removes indexes first, to measure a schema with fewer of them.
 */
async function bareSql(dir: string, prepared: PreparedObject[][], drop: string[]): Promise<{ self: number; others: number }> {
  const store = openSqliteStore(dir, { backgroundCheckpoints: true });
  try {
    await store.collections.addCollection({ title: 'floor' });
    const db = store.sqlite;
    for (const index of drop) db.exec(`DROP INDEX ${index}`);
    const insert = db.prepare(`INSERT INTO taxii_objects (date_added, collection, id, type, version, version_key, spec_version,
      media_type, is_latest, is_first, json) VALUES (?, 1, ?, ?, ?, ?, ?, ?, 1, 1, CAST(? AS TEXT))`);
    const status = db.prepare('INSERT INTO taxii_statuses (api_root, id, account, body, created_at) VALUES (?, ?, ?, ?, ?)');
    let added = Date.now() * 1000;
    return await threadCpu(() => {
      for (const objects of prepared) {
        db.exec('BEGIN IMMEDIATE');
        const successes = objects.map((o) => {
          insert.run(added++, o.id, o.type, o.stated!, o.versionKey!, o.specVersion, MEDIA_TYPE, o.json);
          return { id: o.id, version: o.stated! };
        });
        const body = JSON.stringify({ id: randomUUID(), status: 'complete', total_count: objects.length, success_count: objects.length, successes, failure_count: 0, failures: [], pending_count: 0, pendings: [] });
        status.run('parley', randomUUID(), 'floor', body, new Date().toISOString());
        db.exec('COMMIT');
      }
    });
  } finally {
    await store.close();
  }
}

/** The store's own write path, as the POST handler runs it (putPrepared and the status in one transaction, no savepoint). */
async function storeSql(dir: string, prepared: PreparedObject[][]): Promise<{ self: number; others: number }> {
  const store = openSqliteStore(dir, { backgroundCheckpoints: true });
  try {
    const collection = (await store.collections.addCollection({ title: 'floor' })).id;
    return await threadCpu(async () => {
      for (const objects of prepared) {
        await store.transaction(async () => {
          const outcomes = await store.objects.putPrepared(collection, objects, { undo: 'transaction' });
          const successes = outcomes.map((o) => ({ id: o.id, version: o.version }));
          await store.statuses.save('parley', 'floor', {
            id: randomUUID(), status: 'complete', request_timestamp: new Date().toISOString(), total_count: objects.length,
            success_count: successes.length, successes, failure_count: 0, failures: [], pending_count: 0, pendings: [],
          });
        });
      }
    });
  } finally {
    await store.close();
  }
}

/** HTTP alone: the bench's client POSTs every body to a server that only reads it and answers a status-sized 202. */
async function httpOnly(answer: string): Promise<{ server: number; client: number; others: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(Buffer.concat(chunks).length > 0 ? 202 : 400, { 'content-type': 'application/taxii+json;version=2.1' });
      res.end(answer);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const headers = { 'content-type': 'application/taxii+json;version=2.1', accept: 'application/taxii+json;version=2.1' };
  const client = new Worker(INGEST_CLIENT, { eval: true, workerData: { url: `http://127.0.0.1:${port}/`, headers, bodies } });
  try {
    const [{ tid }] = (await once(client, 'message')) as [{ tid?: number }];
    const before = processThreadsCpuMs();
    await once(client, 'message');
    const split = tid === undefined ? undefined : cpuSplit(before, processThreadsCpuMs(), BUNDLES, tid);
    if (!split) throw new Error('this benchmark needs Linux /proc/self/task');
    return { server: split.self, client: split.client, others: split.others };
  } finally {
    await client.terminate();
    server.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'parley-floor-'));
try {
  // As the server prepares them: stored forms that are views of the request bytes where those are canonical.
  const prepared = bytes.map((body) => checkEnvelope(body).valid);
  const parsed = bodies.map((body) => (JSON.parse(body) as { objects: unknown[] }).objects);
  const answer = JSON.stringify({ id: randomUUID(), status: 'complete', total_count: 1000, success_count: 1000, successes: prepared[0]!.map((o) => ({ id: o.id, version: o.stated })), failure_count: 0, failures: [], pending_count: 0, pendings: [] });
  // Each part's least CPU over the trials, and the best baseline rate: the floor is as low as this machine allows.
  const min = (a: number, b: number) => (Number.isNaN(a) ? b : Math.min(a, b));
  const f = { rawRate: 0, rawCpu: NaN, bare3: NaN, bare3Checkpoint: NaN, bare2: NaN, bare2Checkpoint: NaN, store: NaN, storeCheckpoint: NaN, decode: NaN, parse: NaN, validate: NaN, check: NaN, httpServer: NaN, httpClient: NaN, httpOthers: NaN };
  for (let trial = 0; trial < TRIALS; trial++) {
    const raw = rawBaseline(join(dir, `raw-${trial}.db`), BUNDLES * 1000);
    if (raw.rate > f.rawRate) f.rawRate = raw.rate;
    f.rawCpu = min(f.rawCpu, raw.cpuPerThousand);
    const bare3 = await bareSql(join(dir, `bare3-${trial}`), prepared, []);
    f.bare3 = min(f.bare3, bare3.self);
    f.bare3Checkpoint = min(f.bare3Checkpoint, bare3.others);
    const bare2 = await bareSql(join(dir, `bare2-${trial}`), prepared, ['taxii_objects_added']);
    f.bare2 = min(f.bare2, bare2.self);
    f.bare2Checkpoint = min(f.bare2Checkpoint, bare2.others);
    const store = await storeSql(join(dir, `store-${trial}`), prepared);
    f.store = min(f.store, store.self);
    f.storeCheckpoint = min(f.storeCheckpoint, store.others);
    f.decode = min(f.decode, processCpu((b) => bytes[b]!.toString('utf8')));
    f.parse = min(f.parse, processCpu((b) => JSON.parse(bodies[b]!)));
    f.validate = min(f.validate, processCpu((b) => {
      for (const object of parsed[b]!) if (!validateObject(object).valid) throw new Error('invalid bench object');
    }));
    f.check = min(f.check, processCpu((b) => checkEnvelope(bytes[b]!)));
    const http = await httpOnly(answer);
    f.httpServer = min(f.httpServer, http.server);
    f.httpClient = min(f.httpClient, http.client);
    f.httpOthers = min(f.httpOthers, http.others);
  }
  const cores = availableParallelism();
  const allowance = 1000 / (0.6 * f.rawRate) * 1000; // wall ms per bundle at 60% of the baseline
  const rest = f.decode + f.parse + f.validate + f.httpServer + f.httpClient + f.httpOthers;
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const share = (sqlThread: number, total: number) => {
    const perBundle = Math.max(sqlThread, total / cores);
    return `${Math.round((1_000_000 / perBundle / f.rawRate) * 100)}% of baseline`;
  };
  const rows: [string, string, string][] = [
    ['raw better-sqlite3 insert (1,000 rows/tx, best of 3)', `${Math.round(f.rawRate).toLocaleString('en')} rows/s`, `CPU ${ms(f.rawCpu)} per 1,000 rows; 60% of it leaves ${ms(allowance)} of wall time per bundle`],
    ['SQL, 3 indexes (as served): SQL thread', ms(f.bare3), `checkpointer thread ${ms(f.bare3Checkpoint)}`],
    ['SQL, 2 indexes (no (collection) index): SQL thread', ms(f.bare2), `checkpointer thread ${ms(f.bare2Checkpoint)}`],
    ['store write path as it is (putPrepared + status)', ms(f.store), `checkpointer thread ${ms(f.storeCheckpoint)}`],
    ['UTF-8 decode of the body', ms(f.decode), ''],
    ['JSON.parse of the body', ms(f.parse), ''],
    ['validateObject of 1,000 objects', ms(f.validate), `checkEnvelope as it is (from the body's bytes): ${ms(f.check)}`],
    ['HTTP only (read the body, answer the status)', ms(f.httpServer + f.httpClient + f.httpOthers), `server thread ${ms(f.httpServer)}, bench client ${ms(f.httpClient)}, other threads ${ms(f.httpOthers)}`],
    [`floor, 3 indexes: CPU per bundle, all parts`, ms(f.bare3 + f.bare3Checkpoint + rest), `on ${cores} cores at best ${share(f.bare3, f.bare3 + f.bare3Checkpoint + rest)}: max(SQL thread, all / ${cores})`],
    [`floor, 2 indexes: CPU per bundle, all parts`, ms(f.bare2 + f.bare2Checkpoint + rest), `on ${cores} cores at best ${share(f.bare2, f.bare2 + f.bare2Checkpoint + rest)}`],
    [`store as it is + check as it is + HTTP only`, ms(f.store + f.storeCheckpoint + f.check + f.httpServer + f.httpClient + f.httpOthers), `on ${cores} cores at best ${share(f.store, f.store + f.storeCheckpoint + f.check + f.httpServer + f.httpClient + f.httpOthers)}`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(16)}  ${note}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
