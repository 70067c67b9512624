import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedRoot } from '../src/ledger/stored-tree.ts';
import type { NodeStore } from '../src/node/node-store.ts';
import { openPostgresNodeStore } from '../src/node/postgres-node-store.ts';
import { openSqliteNodeStore } from '../src/node/sqlite-node-store.ts';
import { TABLE_PLANS } from '../src/store/migrate/migrate-tables.ts';
import { removeAll, startIntroducedPair, evidenceFile, ok, stop, type TestNode } from './hotline-harness.ts';
import { runParley, runProcess } from './parley-process.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres-database.ts';

const COLLECTION = '91a7b528-80eb-42ed-a74d-c6fbd5a26116';
const INDICATOR = 'indicator--3e4f5a6b-1111-4222-8333-944455556666';
let a: TestNode;
let b: TestNode;
const databases: TestDatabase[] = [];

const version = (modified: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator', spec_version: '2.1', id: INDICATOR, created: '2026-01-01T00:00:00.000Z', modified,
  pattern: "[ipv4-addr:value = '203.0.113.9']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00.000Z', ...extra,
});

function sourceCounts(dir: string): Record<string, number> {
  const db = new Database(join(dir, 'parley.db'), { readonly: true });
  try {
    return Object.fromEntries(TABLE_PLANS.map(({ table }) => [table, db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n]));
  } finally {
    db.close();
  }
}

async function targetCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const { table } of TABLE_PLANS) counts[table] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
    return counts;
  } finally {
    await client.end();
  }
}

// Opening read-only may create an empty -wal beside the database (SQLite's WAL mode): no content, so "none".
const fingerprint = (dir: string) => ['parley.db', 'parley.db-wal'].map((f) => join(dir, f))
  .map((f) => (existsSync(f) && statSync(f).size > 0 ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'none')).join(' ');

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  return db;
}

beforeAll(async () => {
  [a, b] = await startIntroducedPair([]);
  const proposed = await ok(['agreement', 'propose', '--party', 'CERT-B', '--name', 'A-B hotline', '--deadline', 'notification:urgent:1:2', '--data', a.dir]);
  await ok(['agreement', 'sign', /^agreement (\S+) version 1$/m.exec(proposed)![1]!, '--data', b.dir]);
  const notification = (await ok(['send', 'notification', '--to', 'CERT-B', '--subject', 'Ransomware', '--body', 'Encryption since 07:40 UTC.', '--evidence', evidenceFile(a.dir),
    '--priority', 'urgent', '--tlp', 'amber', '--sector', 'healthcare', '--severity', 'critical', '--regime', 'nis2',
    '--awareness-time', new Date().toISOString(), '--data', a.dir])).trim();
  // B's acknowledgement makes A receive (and sign a checkpoint for its receipt) as well as send.
  await ok(['ack', notification, '--body', 'Duty officer on it.', '--data', b.dir]);
  await ok(['operator', 'add', 'duty', '--role', 'duty-officer', '--password-stdin', '--data', a.dir], 'operator-password-1\n');
  await stop(b);
  await stop(a);
  // Rows a running node writes that the CLI run above does not leave behind (a queued delivery, an operator
  // session, an account link), written through the node's own store API.
  const store = openSqliteNodeStore(a.dir);
  try {
    const [sent] = await store.hotline.listMessages({ direction: 'sent', limit: 1 });
    await store.deliveries.enqueue({ envelope: { message: sent!.message, evidence: await store.records.evidenceOf(sent!.message.id) },
      recipients: [`${b.partyId}-standby`], enqueuedAt: new Date().toISOString() });
    await store.sessions.issue('duty', 'duty-officer', 3_600_000);
    await store.links.linkAccount('node-cert-b', b.partyId);
  } finally {
    await store.close();
  }
  await ok(['collection', 'add', 'Shared', '--id', COLLECTION, '--data', a.dir]);
  const bundle = join(a.dir, 'versions.json');
  writeFileSync(bundle, JSON.stringify({ type: 'bundle', id: 'bundle--7d0092c5-5f74-4287-9642-33f4c354e56e', objects: [
    version('2026-01-01T00:00:00.000Z'), version('2026-01-02T00:00:00.000Z', { name: 'second' }), version('2026-01-03T00:00:00.000Z', { name: 'third' }),
    { type: 'malware', spec_version: '2.1', id: 'malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0062', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: 'Locker', is_family: true },
  ] }));
  await ok(['import', bundle, '--collection', COLLECTION, '--data', a.dir]);
  writeFileSync(bundle, JSON.stringify({ type: 'bundle', id: 'bundle--7d0092c5-5f74-4287-9642-33f4c354e56f', objects: [version('2026-01-04T00:00:00.000Z', { name: 'fourth' })] }));
  await ok(['import', bundle, '--collection', COLLECTION, '--data', a.dir]);
}, 240_000);

afterAll(() => removeAll([a, b], databases));

describe('parley migrate --from sqlite://DIR --to postgres://…', { timeout: 180_000 }, () => {
  let target: TestDatabase;

  it('copies every table of a live node into an empty database and verifies it', async () => {
    target = await freshDatabase();
    const before = fingerprint(a.dir);
    const counts = sourceCounts(a.dir);
    // The node has rows in every module, so the copy is exercised beyond the TAXII tables.
    for (const table of ['taxii_objects', 'taxii_accounts', 'ledger_entries', 'ledger_nodes', 'ledger_checkpoints', 'hotline_parties',
      'hotline_agreements', 'hotline_messages', 'hotline_deadlines', 'hotline_regulatory_clocks', 'hotline_operators', 'node_state',
      'node_credentials', 'node_evidence', 'node_deliveries', 'outbox_deliveries', 'api_sessions', 'node_party_accounts']) expect(counts[table], table).toBeGreaterThan(0);
    const r = await runParley(['migrate', '--from', `sqlite://${a.dir}`, '--to', target.url]);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(TABLE_PLANS.map(({ table }) => `migrate ${table}: ${counts[table]} rows`));
    const total = Object.values(counts).reduce((x, y) => x + y, 0);
    const redacted = target.url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
    expect(r.stdout).toMatch(new RegExp(`^migrated ${total} rows from sqlite://${a.dir} to ${redacted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\nPASS ledger: \\d+ entries, \\d+ checkpoints verified\nverify: OK\n$`));
    expect(r.status).toBe(0);
    expect(await targetCounts(target.url)).toEqual(counts);
    expect(fingerprint(a.dir)).toBe(before);
    // Hashes and sealed credentials are copied as stored, byte for byte.
    const db = new Database(join(a.dir, 'parley.db'), { readonly: true });
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      for (const sql of ['SELECT name, password_hash, created_at FROM taxii_accounts ORDER BY name', 'SELECT hash, account FROM taxii_tokens ORDER BY hash',
        'SELECT username, role, password_hash FROM hotline_operators ORDER BY username', 'SELECT party_id, username, password FROM node_credentials ORDER BY party_id',
        'SELECT level, CAST(idx AS INTEGER) AS idx, hash FROM ledger_nodes ORDER BY level, idx', 'SELECT CAST(seq AS INTEGER) AS seq, id, stored_at, json FROM hotline_messages ORDER BY seq']) {
        expect((await client.query(sql)).rows, sql).toEqual(db.prepare(sql).all());
      }
    } finally {
      db.close();
      await client.end();
    }
  });

  it('keeps date_added, paging by added_after, the log root and checkpoint; the clock continues past the copy', async () => {
    const source: NodeStore = openSqliteNodeStore(a.dir);
    const copy = await openPostgresNodeStore(target.url);
    try {
      const all = await source.objects.query({ collection: COLLECTION, limit: 100, versions: { last: false, first: false, all: true, at: [] } });
      expect(all.objects.length).toBe(5);
      const after = all.objects[1]!.dateAdded;
      const cursors: string[] = [];
      for (const store of [source, copy]) {
        const page = await store.objects.query({ collection: COLLECTION, addedAfter: after, limit: 2, versions: { last: false, first: false, all: true, at: [] } });
        expect(page.objects).toEqual(all.objects.slice(2, 4));
        expect(page.more).toBe(true);
        cursors.push(page.next!);
        const rest = await store.objects.query({ collection: COLLECTION, addedAfter: after, limit: 2, next: page.next!, versions: { last: false, first: false, all: true, at: [] } });
        expect(rest.objects).toEqual(all.objects.slice(4));
      }
      // The cursor secret moved too: a `next` the SQLite node handed out still works on PostgreSQL.
      expect(cursors[1]).toBe(cursors[0]);
      expect(await copy.objects.query({ collection: COLLECTION, limit: 100 })).toEqual(await source.objects.query({ collection: COLLECTION, limit: 100 }));
      const size = await source.log.size();
      expect(size).toBeGreaterThan(0);
      expect(await copy.log.size()).toBe(size);
      expect((await storedRoot(copy.log, size)).equals(await storedRoot(source.log, size))).toBe(true);
      expect(await copy.log.latestCheckpoint()).toEqual(await source.log.latestCheckpoint());
      const [added] = await copy.objects.put(COLLECTION, [version('2026-01-05T00:00:00.000Z', { name: 'fifth' })]);
      expect(added!.dateAdded).toBeGreaterThan(all.objects.at(-1)!.dateAdded);
    } finally {
      await source.close();
      await copy.close();
    }
  });

  it('refuses a database that already holds data and changes nothing', async () => {
    const before = await targetCounts(target.url);
    const r = await runParley(['migrate', '--from', a.dir, '--to', target.url]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^parley: the target database already holds data \(taxii_collections: 2 rows, taxii_objects: 6 rows, taxii_accounts: 1 rows, and \d+ more tables\): parley migrate only copies into an empty database\n$/);
    expect(await targetCounts(target.url)).toEqual(before);
  });

  it('leaves the target empty when a row cannot be copied exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-migrate-bad-'));
    try {
      const db = new Database(join(a.dir, 'parley.db'), { readonly: true });
      await db.backup(join(dir, 'parley.db'));
      db.close();
      const bad = new Database(join(dir, 'parley.db'));
      bad.prepare("UPDATE ledger_entries SET leaf = 'not bytes' WHERE idx = 0").run();
      bad.close();
      const empty = await freshDatabase();
      const r = await runParley(['migrate', '--from', `sqlite://${dir}`, '--to', empty.url]);
      expect(r.status).toBe(1);
      expect(r.stderr.split('\n').at(-2)).toBe('parley: cannot migrate ledger_entries row 1: column leaf holds TEXT where PostgreSQL keeps bytea');
      const after = await targetCounts(empty.url);
      expect(after.taxii_objects).toBe(0);
      expect(after.taxii_collections).toBe(0);
      expect(Object.entries(after).filter(([, n]) => n > 0).map(([t]) => t)).toEqual(['taxii_node', 'taxii_api_roots', 'ledger_state']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls back a copy that does not verify (a tampered log leaf) and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-migrate-tampered-'));
    try {
      const db = new Database(join(a.dir, 'parley.db'), { readonly: true });
      await db.backup(join(dir, 'parley.db'));
      db.close();
      const bad = new Database(join(dir, 'parley.db'));
      const leaf = bad.prepare<[], { leaf: Buffer }>('SELECT leaf FROM ledger_entries WHERE idx = 1').get()!.leaf;
      bad.prepare('UPDATE ledger_entries SET leaf = ? WHERE idx = 1').run(Buffer.from(leaf.toString('utf8').replace('"index":1', '"index":1 ')));
      bad.close();
      const empty = await freshDatabase();
      const r = await runParley(['migrate', '--from', dir, '--to', empty.url]);
      expect(r.status).toBe(1);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(/^rolled back: copied \d+ rows from .* but they do not verify; nothing was committed$/);
      expect(lines[1]).toMatch(/^FAIL ledger: /);
      expect(lines).toContain('verify failed: ledger: the log does not verify on the target');
      expect(lines.at(-2)).toBe('verify: FAILED');
      expect((await targetCounts(empty.url)).taxii_objects).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a source with a table it does not know', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-migrate-future-'));
    try {
      copyFileSync(join(b.dir, 'parley.db'), join(dir, 'parley.db'));
      const db = new Database(join(dir, 'parley.db'));
      db.exec('CREATE TABLE future_things (id TEXT)');
      db.close();
      const r = await runParley(['migrate', '--from', dir, '--to', (await freshDatabase()).url]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('parley: the source has tables parley migrate does not know (future_things): refusing rather than leaving them behind\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migrates a TAXII-only node (no hotline modules), with a progress bar on a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-migrate-taxii-'));
    try {
      await ok(['collection', 'add', 'Only', '--id', COLLECTION, '--data', dir]);
      const empty = await freshDatabase();
      // script(1) gives the command a pseudo-terminal, so stderr is a TTY.
      const r = await runProcess('script', ['-qec', `${process.execPath} bin/parley.js migrate --from ${dir} --to ${empty.url}`, '/dev/null']);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/migrate \[=+\] 100% \| 3\/3 rows/);
      expect(r.stdout).not.toContain('migrate taxii_node:');
      expect(r.stdout).toMatch(/migrated 3 rows from .*\r?\nPASS ledger: 0 entries, 0 checkpoints verified\r?\nverify: OK\r?\n$/);
      const counts = await targetCounts(empty.url);
      expect(Object.entries(counts).filter(([, n]) => n > 0)).toEqual([['taxii_node', 1], ['taxii_api_roots', 1], ['taxii_collections', 1], ['ledger_state', 1]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad locations: one line each', async () => {
    const bad = await runParley(['migrate', '--from', a.dir, '--to', 'mysql://u:pw@127.0.0.1/x']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('parley: unsupported database URL "mysql://***@127.0.0.1/x": use postgres://… or sqlite://DIR\n');
    const missing = await runParley(['migrate', '--from', '/nonexistent/parley', '--to', target.url]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('parley: no Parley database at /nonexistent/parley/parley.db\n');
    const unreachable = await runParley(['migrate', '--from', a.dir, '--to', 'postgres://nobody:pw@127.0.0.1:1/none']);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/^parley: cannot open the PostgreSQL store at 127\.0\.0\.1:1\/none: [^\n]+\n$/);
    const reversed = await runParley(['migrate', '--from', target.url, '--to', a.dir]);
    expect(reversed.status).toBe(2);
    expect(reversed.stderr).toBe('parley: migrate copies from a SQLite store (--from sqlite://DIR) to PostgreSQL (--to postgres://…)\n');
  });
});
