import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import { openNodeStore } from '../src/node/parley-node.ts';
import { exited, runParley, startServe } from './parley-process.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres-database.ts';

/** One node of a two-node test: its data dir, serve process, URL, party id and inbox. */
export interface TestNode {
  name: string;
  dir: string;
  child?: ChildProcess;
  url: string;
  partyId: string;
  inbox: string;
  /** The node's PostgreSQL database (postgres://…), or undefined for DATA/parley.db. */
  database?: string;
}

/** A backend the hotline suites run over: SQLite in each data dir, or a PostgreSQL database of each node's own. */
export interface HotlineBackend {
  name: 'sqlite' | 'postgres';
  /** A fresh database for one node (undefined: the SQLite default). */
  database(): Promise<TestDatabase | undefined>;
}

/** The hotline end-to-end suites run once per backend. */
export const HOTLINE_BACKENDS: readonly HotlineBackend[] = Object.freeze([
  { name: 'sqlite', database: async () => undefined },
  { name: 'postgres', database: () => createTestDatabase() },
]);

/** Log entries of a node by kind, read through the node's own store (whatever its backend). */
export async function logKinds(node: TestNode): Promise<{ kind: string; object_id: string; detail?: Record<string, unknown> }[]> {
  const store = await openNodeStore(node.dir);
  try {
    return (await store.log.entries(0, await store.log.size())).map((e) => JSON.parse(e.bytes.toString('utf8')));
  } finally {
    await store.close();
  }
}

/** Rewrites one stored log leaf behind the node's back (the tampering `parley verify` must find), on either backend. */
export async function tamperLeaf(node: TestNode, index: number, edit: (leaf: string) => string): Promise<void> {
  if (node.database === undefined) {
    const db = new Database(join(node.dir, 'parley.db'));
    try {
      const row = db.prepare<[number], { leaf: Buffer }>('SELECT leaf FROM ledger_entries WHERE idx = ?').get(index)!;
      db.prepare('UPDATE ledger_entries SET leaf = ? WHERE idx = ?').run(Buffer.from(edit(row.leaf.toString('utf8'))), index);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: node.database });
  await client.connect();
  try {
    const { rows } = await client.query<{ leaf: Buffer }>('SELECT leaf FROM ledger_entries WHERE idx = $1', [index]);
    await client.query('UPDATE ledger_entries SET leaf = $1 WHERE idx = $2', [Buffer.from(edit(rows[0]!.leaf.toString('utf8'))), index]);
  } finally {
    await client.end();
  }
}

/** Runs parley and expects exit 0; returns stdout. */
export async function ok(args: string[], input?: string): Promise<string> {
  const r = await runParley(args, input);
  if (r.status !== 0) throw new Error(`parley ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Starts `parley serve --port 0` for a node with a 1 s deadline check interval, logging to DATA/serve.log. */
export async function serve(node: TestNode): Promise<void> {
  const { child, url } = await startServe(node.dir, { extraArgs: ['--deadline-interval', '1'], logFile: join(node.dir, 'serve.log') });
  node.url = url;
  node.child = child;
}

/** Stops a node's serve process (SIGTERM) and waits for it. */
export async function stop(node: TestNode): Promise<void> {
  if (!node.child) return;
  node.child.kill('SIGTERM');
  await exited(node.child);
  node.child = undefined;
}

/** Initialises a node in a fresh data dir (its store on `database` when given, else DATA/parley.db) and starts it. */
export async function startNode(name: string, database?: string): Promise<TestNode> {
  const dir = mkdtempSync(join(tmpdir(), `parley-${name.toLowerCase()}-`));
  const init = await ok(['init', '--name', name, '--data', dir, ...(database === undefined ? [] : ['--database', database])]);
  const node: TestNode = { name, dir, url: '', partyId: /^party (\S+)$/m.exec(init)![1]!, inbox: /^inbox (\S+)$/m.exec(init)![1]!, ...(database === undefined ? {} : { database }) };
  await serve(node);
  return node;
}

/**
 * Starts CERT-A and CERT-B, each on a fresh database of `backend` (default: SQLite in its data dir), and introduces
 * them. The databases are pushed to `databases` before the nodes start, so that `removeAll` drops them even when a
 * start fails.
 */
export async function startIntroducedPair(databases: TestDatabase[], backend: HotlineBackend = HOTLINE_BACKENDS[0]!): Promise<[TestNode, TestNode]> {
  const [da, db] = await Promise.all([backend.database(), backend.database()]);
  for (const d of [da, db]) if (d) databases.push(d);
  const pair = await Promise.all([startNode('CERT-A', da?.url), startNode('CERT-B', db?.url)]);
  await introduce(...pair);
  return pair;
}

/** Stops the nodes, deletes their data dirs and drops the databases (all kept when KEEP is set, to inspect a failure). */
export async function removeAll(nodes: readonly (TestNode | undefined)[], databases: readonly TestDatabase[] = []): Promise<void> {
  for (const n of nodes) {
    if (!n) continue;
    await stop(n);
    if (!process.env.KEEP) rmSync(n.dir, { recursive: true, force: true });
  }
  if (!process.env.KEEP) for (const d of databases) await d.drop();
}

/** Each node adds the other's party record (fetched from /api/party) and the account the other gave it. */
export async function introduce(a: TestNode, b: TestNode): Promise<void> {
  for (const [self, other] of [[a, b], [b, a]] as const) {
    expect(await ok(['party', 'add', other.url, '--data', self.dir])).toBe(`party ${other.partyId} ${other.name}\n`);
    const username = `node-${self.name.toLowerCase()}`;
    const password = `secret-of-${self.name}-on-${other.name}`;
    await ok(['account', 'add', username, '--password-stdin', '--write', other.inbox, '--data', other.dir], `${password}\n`);
    expect(await ok(['party', 'credentials', other.name, '--username', username, '--password-stdin', '--data', self.dir], `${password}\n`))
      .toBe(`credentials for ${other.name} stored\n`);
  }
}

/** Writes a STIX bundle with an incident and an indicator (optionally made by someone else, with markings). */
export function evidenceFile(dir: string, indicatorExtra: Record<string, unknown> = {}): string {
  const file = join(dir, `evidence-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({
    type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [
      { type: 'incident', spec_version: '2.1', id: 'incident--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061', created: '2026-03-01T08:00:00.000Z', modified: '2026-03-01T08:00:00.000Z', name: 'Ransomware at a hospital' },
      { type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2026-03-01T08:00:00.000Z', modified: '2026-03-01T08:00:00.000Z',
        pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix', valid_from: '2026-03-01T08:00:00.000Z', indicator_types: ['malicious-activity'], ...indicatorExtra },
    ],
  }));
  return file;
}

/** Polls `check` every 250 ms until it returns true, at most `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (let i = 0; i < 1000 && Date.now() < until; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}
