import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { partyExtension } from '../../src/hotline/party.ts';
import { apiRootOf } from '../../src/node/init-node.ts';
import { openNodeStore } from '../../src/node/parley-node.ts';
import { HOTLINE_BACKENDS, evidenceFile, introduce, ok, serve, stop, type TestNode } from '../hotline-harness.ts';
import { exited, startServe } from '../parley-process.ts';

// Two `parley serve` instances of CERT-A on ONE store (the same data directory: SQLite WAL, or one PostgreSQL
// database named in its node.json), two ports; CERT-B on its own. Leases decide which instance runs the deadline
// scheduler and the outbox; the holder is killed with SIGKILL.
const INSTANCE_ARGS = ['--deadline-interval', '0.5', '--lease-ttl', '2'];

/** Polls an async check every 250 ms until it holds or `ms` pass (at most 1,000 rounds). */
async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (let i = 0; i < 1000 && Date.now() < until; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

// The two backends run side by side (each suite has its own directories, databases and ports): most of a case is
// the wait for the one-minute acknowledgement deadline, the shortest an agreement can set (whole minutes, at least 1).
describe.concurrent.each(HOTLINE_BACKENDS)('two instances on one store ($name)', (backend) => {
  const root = mkdtempSync(join(tmpdir(), 'parley-instances-'));
  let a: TestNode;
  let b: TestNode;
  const instances: { child: ChildProcess; url: string }[] = [];
  const drops: (() => Promise<void>)[] = [];

  async function node(name: string): Promise<TestNode> {
    const dir = join(root, name);
    const database = await backend.database();
    if (database) drops.push(database.drop);
    const init = await ok(['init', '--name', name, '--data', dir, ...(database ? ['--database', database.url] : [])]);
    return { name, dir, url: '', partyId: /^party (\S+)$/m.exec(init)![1]!, inbox: /^inbox (\S+)$/m.exec(init)![1]!, ...(database ? { database: database.url } : {}) };
  }

  async function startInstance(dir: string): Promise<{ child: ChildProcess; url: string }> {
    const started = await startServe(dir, { extraArgs: INSTANCE_ARGS, logFile: join(dir, 'serve.log') });
    instances.push(started);
    return started;
  }

  /** Reads straight from a node's store (SQLite readonly, or its PostgreSQL database; the instances keep serving). */
  async function query<T>(n: TestNode, sql: string): Promise<T[]> {
    if (n.database) {
      const client = new pg.Client({ connectionString: n.database });
      await client.connect();
      try {
        return (await client.query(sql)).rows as T[];
      } finally {
        await client.end();
      }
    }
    const db = new Database(join(n.dir, 'parley.db'), { readonly: true });
    try {
      return db.prepare<[], T>(sql).all();
    } finally {
      db.close();
    }
  }

  const leaseHolders = async (n: TestNode) => new Map((await query<{ name: string; holder: string }>(n, 'SELECT name, holder FROM leases')).map((r) => [r.name, r.holder]));
  const pidOf = (holder: string | undefined) => Number(holder?.split(':').at(-2));
  const logEntries = async (n: TestNode) => (await query<{ leaf: Buffer }>(n, 'SELECT leaf FROM ledger_entries ORDER BY idx'))
    .map((r) => JSON.parse(r.leaf.toString('utf8')) as { kind: string; object_id: string; detail?: Record<string, unknown> });

  beforeAll(async () => {
    a = await node('CERT-A');
    b = await node('CERT-B');
    [a.url] = await Promise.all([startInstance(a.dir).then((i) => i.url), serve(b)]);
    await introduce(a, b);
    await ok(['operator', 'add', 'officer', '--role', 'duty-officer', '--password-stdin', '--data', a.dir], 'a-long-operator-password\n');
    const proposed = await ok(['agreement', 'propose', '--party', 'CERT-B', '--name', 'A-B hotline', '--deadline', 'notification:flash:1:600',
      '--deadline', 'notification:urgent:600:1200', '--sector', 'healthcare', '--data', a.dir]);
    await ok(['agreement', 'sign', /^agreement (\S+) version 1$/m.exec(proposed)![1]!, '--data', b.dir]);
    // A dozen CLI runs: generous, for a 2-core machine under load.
  }, 240_000);

  afterAll(async () => {
    for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => exited(i.child)));
    await stop(b);
    rmSync(root, { recursive: true, force: true });
    for (const drop of drops) await drop();
  });

  it('runs each job on one instance; after kill -9 of the holder the other takes over, escalating once and delivering once', async ({ expect }) => {
    const first = instances[0]!;
    const second = await startInstance(a.dir);
    // The first instance took every lease; the second stands by and did not publish its own address.
    const held = await leaseHolders(a);
    for (const lease of ['address', 'deadlines', 'outbox']) expect(pidOf(held.get(lease)), lease).toBe(first.child.pid);
    const store = await openNodeStore(a.dir);
    try {
      expect(partyExtension((await store.hotline.getOwnParty())!).taxii.api_root).toBe(apiRootOf(first.url));
    } finally {
      await store.close();
    }

    // A flash notification with a one-minute acknowledgement deadline that CERT-B will miss.
    const missed = (await ok(['send', 'notification', '--to', 'CERT-B', '--subject', 'Unanswered', '--body', 'Nobody will answer this.',
      '--evidence', evidenceFile(a.dir), '--priority', 'flash', '--tlp', 'amber', '--sector', 'healthcare', '--severity', 'high', '--data', a.dir])).trim();
    first.child.kill('SIGKILL');
    await exited(first.child);

    // Sent through the surviving instance while the holder is dead: queued in the shared outbox.
    const res = await fetch(`${second.url}/api/messages`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('officer:a-long-operator-password').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'notification', to: [b.partyId], priority: 'urgent', tlp: 'amber', language: 'en', subject: 'Queued while the holder was dead',
        body: 'Still delivered once.', sector: 'healthcare', severity: 'high', incident: 'Phishing wave' }),
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(201);
    const queued = ((await res.json()) as { message: { id: string } }).message.id;

    // The second instance takes the leases over (at once here: the holder's process is gone from this host).
    expect(await waitFor(async () => { const held = await leaseHolders(a); return ['deadlines', 'outbox'].every((l) => pidOf(held.get(l)) === second.child.pid); }, 10_000)).toBe(true);
    const received = async () => (await logEntries(b)).filter((e) => e.kind === 'message-received' && e.object_id === queued).length;
    expect(await waitFor(async () => (await received()) >= 1, 30_000)).toBe(true);

    const escalations = async () => (await logEntries(a)).filter((e) => e.kind === 'deadline-event' && e.object_id === missed);
    expect(await waitFor(async () => (await escalations()).length >= 1, 90_000)).toBe(true);
    // Several more check rounds (every 0.5 s) and lease renewals: still one escalation, one delivery.
    await new Promise((r) => setTimeout(r, 4_000));
    expect((await escalations()).map((e) => e.detail?.step)).toEqual(['acknowledge']);
    expect((await ok(['deadlines', '--data', a.dir])).split('\n').find((l) => l.includes(missed))).toMatch(/^deadline\toverdue\t.*\tescalated:acknowledge@\S+$/);
    expect(await received()).toBe(1);
    expect((await ok(['inbox', '--data', b.dir])).split('\n').filter((l) => l.includes(queued))).toHaveLength(1);
    expect(Number((await query<{ n: number | string }>(a, `SELECT count(*) AS n FROM outbox_deliveries WHERE message_id = '${queued}' AND state = 'delivered'`))[0]!.n)).toBe(1);
    expect(await ok(['verify', '--data', a.dir])).toMatch(/verify: OK\n$/);
  }, 200_000);
});

