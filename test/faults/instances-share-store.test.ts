import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyExtension } from '../../src/hotline/party.ts';
import { apiRootOf } from '../../src/node/init-node.ts';
import { openNodeStore } from '../../src/node/parley-node.ts';
import { evidenceFile, introduce, ok, serve, stop, waitFor, type TestNode } from '../hotline-harness.ts';
import { exited, startServe } from '../parley-process.ts';

// Two `parley serve` instances of CERT-A on ONE data directory (SQLite WAL, two ports), CERT-B on its own. Leases
// decide which instance runs the deadline scheduler and the outbox; the holder is killed with SIGKILL.
const INSTANCE_ARGS = ['--deadline-interval', '0.5', '--lease-ttl', '2'];
const root = mkdtempSync(join(tmpdir(), 'parley-instances-'));
let a: TestNode;
let b: TestNode;
const instances: { child: ChildProcess; url: string }[] = [];

function node(name: string): TestNode {
  const dir = join(root, name);
  const init = ok(['init', '--name', name, '--data', dir]);
  return { name, dir, url: '', partyId: /^party (\S+)$/m.exec(init)![1]!, inbox: /^inbox (\S+)$/m.exec(init)![1]! };
}

async function startInstance(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const started = await startServe(dir, { extraArgs: INSTANCE_ARGS, logFile: join(dir, 'serve.log') });
  instances.push(started);
  return started;
}

/** Reads straight from a data directory's database (readonly; the instances keep serving). */
function query<T>(dir: string, sql: string): T[] {
  const db = new Database(join(dir, 'parley.db'), { readonly: true });
  try {
    return db.prepare<[], T>(sql).all();
  } finally {
    db.close();
  }
}

const leaseHolders = (dir: string) => new Map(query<{ name: string; holder: string }>(dir, 'SELECT name, holder FROM leases').map((r) => [r.name, r.holder]));
const pidOf = (holder: string | undefined) => Number(holder?.split(':').at(-2));
const logEntries = (dir: string) => query<{ leaf: Buffer }>(dir, 'SELECT leaf FROM ledger_entries ORDER BY idx')
  .map((r) => JSON.parse(r.leaf.toString('utf8')) as { kind: string; object_id: string; detail?: Record<string, unknown> });

beforeAll(async () => {
  a = node('CERT-A');
  b = node('CERT-B');
  [a.url] = await Promise.all([startInstance(a.dir).then((i) => i.url), serve(b)]);
  introduce(a, b);
  ok(['operator', 'add', 'officer', '--role', 'duty-officer', '--password-stdin', '--data', a.dir], 'a-long-operator-password\n');
  const proposed = ok(['agreement', 'propose', '--party', 'CERT-B', '--name', 'A-B hotline', '--deadline', 'notification:flash:1:600',
    '--deadline', 'notification:urgent:600:1200', '--sector', 'healthcare', '--data', a.dir]);
  ok(['agreement', 'sign', /^agreement (\S+) version 1$/m.exec(proposed)![1]!, '--data', b.dir]);
  // A dozen CLI runs: generous, for a 2-core machine under load.
}, 240_000);

afterAll(async () => {
  for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGTERM');
  await Promise.all(instances.map((i) => exited(i.child)));
  await stop(b);
  rmSync(root, { recursive: true, force: true });
});

describe('two instances on one data directory', () => {
  it('runs each job on one instance; after kill -9 of the holder the other takes over, escalating once and delivering once', async () => {
    const first = instances[0]!;
    const second = await startInstance(a.dir);
    // The first instance took every lease; the second stands by and did not publish its own address.
    const held = leaseHolders(a.dir);
    for (const lease of ['address', 'deadlines', 'outbox']) expect(pidOf(held.get(lease)), lease).toBe(first.child.pid);
    const store = await openNodeStore(a.dir);
    try {
      expect(partyExtension((await store.hotline.getOwnParty())!).taxii.api_root).toBe(apiRootOf(first.url));
    } finally {
      await store.close();
    }

    // A flash notification with a one-minute acknowledgement deadline that CERT-B will miss.
    const missed = ok(['send', 'notification', '--to', 'CERT-B', '--subject', 'Unanswered', '--body', 'Nobody will answer this.',
      '--evidence', evidenceFile(a.dir), '--priority', 'flash', '--tlp', 'amber', '--sector', 'healthcare', '--severity', 'high', '--data', a.dir]).trim();
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
    expect(await waitFor(() => ['deadlines', 'outbox'].every((l) => pidOf(leaseHolders(a.dir).get(l)) === second.child.pid), 10_000)).toBe(true);
    const received = () => logEntries(b.dir).filter((e) => e.kind === 'message-received' && e.object_id === queued).length;
    expect(await waitFor(() => received() >= 1, 30_000)).toBe(true);

    const escalations = () => logEntries(a.dir).filter((e) => e.kind === 'deadline-event' && e.object_id === missed);
    expect(await waitFor(() => escalations().length >= 1, 90_000)).toBe(true);
    // Several more check rounds (every 0.5 s) and lease renewals: still one escalation, one delivery.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(escalations().map((e) => e.detail?.step)).toEqual(['acknowledge']);
    expect(ok(['deadlines', '--data', a.dir]).split('\n').find((l) => l.includes(missed))).toMatch(/^deadline\toverdue\t.*\tescalated:acknowledge@\S+$/);
    expect(received()).toBe(1);
    expect(ok(['inbox', '--data', b.dir]).split('\n').filter((l) => l.includes(queued))).toHaveLength(1);
    expect(query<{ n: number }>(a.dir, `SELECT count(*) AS n FROM outbox_deliveries WHERE message_id = '${queued}' AND state = 'delivered'`)[0]!.n).toBe(1);
    expect(ok(['verify', '--data', a.dir])).toMatch(/verify: OK\n$/);
  }, 200_000);
});
