import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyExtension, parseParty } from '../src/hotline/party.ts';
import { openNode } from '../src/node/parley-node.ts';
import { exited, runProcess, startServe } from './parley-process.ts';
import { removeAll, type TestNode } from './hotline-harness.ts';

// Pull fallback between two real `parley serve` processes on loopback. CERT-A accepts no inbound connections: it
// has no TAXII account at all, CERT-B holds no credentials for it and took its party record from a file. CERT-B
// publishes what it sends to CERT-A in CERT-A's outbox collection on CERT-B; CERT-A polls it every second,
// verifies and applies, and posts the receipts back to CERT-B's inbox. CERT-A pushes to CERT-B as usual.

const PASSWORD = 'operator-password-1';
let a: TestNode;
let b: TestNode;
let collection = '';
let bApiRoot = '';
const bOperator = `Basic ${Buffer.from(`officer:${PASSWORD}`).toString('base64')}`;
const taxii = 'application/taxii+json;version=2.1';

/** Runs `parley ARGS` without blocking the test's event loop (the nodes and vitest keep talking meanwhile). */
async function runParley(args: string[], input?: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return runProcess(process.execPath, ['bin/parley.js', ...args], { timeout: 90_000, ...(input === undefined ? {} : { input }) });
}

async function ok(args: string[], input?: string): Promise<string> {
  const r = await runParley(args, input);
  if (r.status !== 0) throw new Error(`parley ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Polls `check` every 500 ms until it holds, at most `ms` (and 200 tries). */
async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (let i = 0; i < 200 && Date.now() < until; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return check();
}

async function init(name: string): Promise<TestNode> {
  const dir = mkdtempSync(join(tmpdir(), `parley-pull-${name.toLowerCase()}-`));
  const out = await ok(['init', '--name', name, '--data', dir]);
  return { name, dir, url: '', partyId: /^party (\S+)$/m.exec(out)![1]!, inbox: /^inbox (\S+)$/m.exec(out)![1]! };
}

async function serve(node: TestNode): Promise<void> {
  const { child, url } = await startServe(node.dir, { extraArgs: ['--deadline-interval', '5', '--pull-interval', '1'], logFile: join(node.dir, 'serve.log') });
  node.child = child;
  node.url = url;
}

/** POST /api/messages on CERT-B as its operator: the serving node's outbox routes it (pull mode: published). */
async function bConsults(subject: string, inReplyTo?: string): Promise<{ id: string; thread: string }> {
  const res = await fetch(`${b.url}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: bOperator }, signal: AbortSignal.timeout(20_000),
    body: JSON.stringify({ kind: 'consultation', to: [a.partyId], priority: 'routine', tlp: 'amber', language: 'en', subject, body: `${subject}.`, ...(inReplyTo ? { in_reply_to: inReplyTo } : {}) }),
  });
  if (res.status !== 201) throw new Error(`POST /api/messages: ${res.status} ${await res.text()}`);
  const { message } = (await res.json()) as { message: { id: string; thread_id: string } };
  return { id: message.id, thread: message.thread_id };
}

/** A TAXII request on CERT-B's API root with Basic credentials. */
async function onB(path: string, account: string, init: RequestInit = {}): Promise<Response> {
  // One retry: a keep-alive socket the server closed meanwhile fails the first try ("other side closed").
  return fetchOnB(path, account, init).catch(() => fetchOnB(path, account, init));
}

function fetchOnB(path: string, account: string, init: RequestInit): Promise<Response> {
  return fetch(`${bApiRoot}${path}`, { ...init, headers: { accept: taxii, 'content-type': taxii, authorization: `Basic ${Buffer.from(`${account}:pw-${account}`).toString('base64')}` }, signal: AbortSignal.timeout(15_000) });
}

const outboxLine = async (messageId: string) => (await ok(['outbox', '--data', b.dir])).split('\n').find((l) => l.includes(messageId)) ?? '';
const log = (node: TestNode) => readFileSync(join(node.dir, 'serve.log'), 'utf8');
const received = async (node: TestNode) => {
  const n = await openNode(node.dir);
  try {
    return (await n.store.hotline.listMessages({ direction: 'received', limit: 1000 })).sort((x, y) => x.seq - y.seq).map((m) => m.message);
  } finally {
    await n.close();
  }
};

beforeAll(async () => {
  [a, b] = await Promise.all([init('CERT-A'), init('CERT-B')]);
  await Promise.all([serve(a), serve(b)]);
  // CERT-A takes CERT-B's record from its node; CERT-B takes CERT-A's from a file (it never connects to CERT-A).
  await ok(['party', 'add', b.url, '--data', a.dir]);
  const record = join(b.dir, 'cert-a.json');
  writeFileSync(record, await ok(['party', 'export', '--data', a.dir]));
  await ok(['party', 'add', record, '--data', b.dir]);
  bApiRoot = partyExtension(parseParty(JSON.parse(await ok(['party', 'export', '--data', b.dir])))).taxii.api_root;
  await ok(['operator', 'add', 'officer', '--role', 'duty-officer', '--password-stdin', '--data', b.dir], `${PASSWORD}\n`);
}, 240_000);

afterAll(() => removeAll([a, b]));

describe('pull mode between two parley serve processes', { timeout: 180_000 }, () => {
  let first = { id: '', thread: '' };

  it('configures both sides: CERT-B publishes for CERT-A, CERT-A polls CERT-B', async () => {
    expect(await ok(['account', 'add', 'node-a', '--password-stdin', '--write', b.inbox, '--party', 'CERT-A', '--data', b.dir], 'pw-node-a\n'))
      .toBe(`account node-a created\naccount node-a linked to CERT-A (${a.partyId})\n`);
    await ok(['party', 'credentials', 'CERT-B', '--username', 'node-a', '--password-stdin', '--data', a.dir], 'pw-node-a\n');
    const mode = await runParley(['party', 'mode', 'CERT-A', 'pull', '--data', b.dir]);
    expect(mode.status).toBe(0);
    collection = /^party \S+ CERT-A: pull \(outbox collection (\S+)\)\n$/.exec(mode.stdout)![1]!;
    expect(mode.stderr).toBe('');
    // CERT-A derives the same collection id without being told.
    expect(await ok(['party', 'poll', 'CERT-B', '--data', a.dir])).toBe(`polling CERT-B (${b.partyId}): collection ${collection}\n`);
    // CERT-A accepts nothing: no TAXII account on it, and CERT-B has no credentials for it.
    expect(await ok(['account', 'list', '--data', a.dir])).toBe('');
    // The last two columns: how messages to the party travel, and whether this node polls it.
    expect(await ok(['party', 'list', '--data', b.dir])).toMatch(new RegExp(`^${a.partyId}\tCERT-A\tcounterpart\tno-account\t[^\t]+\t(active|dormant)\tpull\t-$`, 'm'));
    expect(await ok(['party', 'list', '--data', a.dir])).toMatch(new RegExp(`^${b.partyId}\tCERT-B\tcounterpart\taccount\t[^\t]+\t(active|dormant)\tpush\tpolling$`, 'm'));
    // Errors: a bad mode is exit 2, an unknown party exit 1, an unknown account exit 1.
    expect(await runParley(['party', 'mode', 'CERT-A', 'carrier-pigeon', '--data', b.dir])).toMatchObject({ status: 2, stderr: 'parley party mode: unknown mode "carrier-pigeon" (expected pull or push)\n' });
    expect(await runParley(['party', 'mode', 'CERT-Z', 'pull', '--data', b.dir])).toMatchObject({ status: 1, stderr: 'parley: no party CERT-Z (parley party list)\n' });
    expect(await runParley(['party', 'account', 'CERT-A', 'nobody', '--data', b.dir])).toMatchObject({ status: 1, stderr: 'parley: account nobody does not exist (parley account add)\n' });
  });

  it('agrees: CERT-B\'s signature is published for CERT-A and fetched', async () => {
    const proposed = await runParley(['agreement', 'propose', '--party', 'CERT-B', '--name', 'A-B hotline', '--data', a.dir]);
    expect(proposed.stderr).toBe(`sent to CERT-B (${b.partyId})\n`);
    const id = /^agreement (\S+) version 1$/m.exec(proposed.stdout)![1]!;
    const signed = await runParley(['agreement', 'sign', id, '--data', b.dir]);
    expect(signed.status).toBe(0);
    expect(signed.stderr).toBe(`published for CERT-A (${a.partyId}) to fetch\n`);
    expect(await waitFor(async () => (await ok(['agreement', 'show', '--data', a.dir])).includes('in force (version 1)'), 30_000)).toBe(true);
  });

  it('CERT-B → CERT-A: published, pulled, verified, applied in thread order; receipts make it delivered', async () => {
    first = await bConsults('Pulled thread');
    const second = await bConsults('Pulled follow-up 1', first.id);
    const third = await bConsults('Pulled follow-up 2', second.id);
    const sent = [first.id, second.id, third.id];
    expect(await waitFor(async () => {
      const lines = await ok(['outbox', '--data', b.dir]);
      return sent.every((id) => lines.includes(`delivered\t${id}\t`));
    }, 30_000)).toBe(true);
    for (const id of sent) expect(await outboxLine(id)).toBe(`delivered\t${id}\t${a.partyId}\t1\t-\t-`);
    const got = (await received(a)).filter((m) => m.thread_id === first.thread).map((m) => m.id);
    expect(got).toEqual(sent);
    expect(await ok(['thread', first.id, '--data', b.dir])).toContain('receipt:CERT-A');
    expect((await runParley(['verify', '--data', a.dir])).status).toBe(0);
    expect((await runParley(['verify', '--data', b.dir])).status).toBe(0);
  });

  it('CERT-A → CERT-B is pushed as usual', async () => {
    const sent = await runParley(['send', 'consultation', '--to', 'CERT-B', '--subject', 'Pushed', '--body', 'From the node nobody can reach.', '--data', a.dir]);
    expect(sent.status).toBe(0);
    expect(sent.stderr).toBe(`delivered to CERT-B (${b.partyId})\n`);
  });

  it('a one-shot parley send on CERT-B publishes too (exit 3 until the receipt comes), then is delivered', async () => {
    const sent = await runParley(['send', 'consultation', '--to', 'CERT-A', '--subject', 'From the CLI', '--body', 'Published.', '--data', b.dir]);
    expect(sent.status).toBe(3);
    expect(sent.stderr).toBe(`not delivered to CERT-A (${a.partyId}): published in its outbox collection; waiting for its receipt\n`);
    const id = sent.stdout.trim();
    expect(await waitFor(async () => (await outboxLine(id)).startsWith('delivered\t'), 30_000)).toBe(true);
  });

  it('recognises a replay, and rejects a tampered object and a forged sender placed in the collection', async () => {
    await ok(['account', 'add', 'intruder', '--password-stdin', '--read', collection, '--write', collection, '--data', b.dir], 'pw-intruder\n');
    const res = await onB(`collections/${collection}/objects/${first.id}/`, 'intruder');
    const original = ((await res.json()) as { objects: Record<string, unknown>[] }).objects[0]!;
    // The replay: the original, deleted and added again, comes back with a new date_added and is read again.
    expect((await onB(`collections/${collection}/objects/${first.id}/`, 'intruder', { method: 'DELETE' })).status).toBe(200);
    expect((await onB(`collections/${collection}/objects/`, 'intruder', { method: 'POST', body: JSON.stringify({ objects: [original] }) })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 3_000)); // a few polls
    const tampered = { ...original, modified: new Date().toISOString(), body: 'Pay the ransom.' };
    const n = await openNode(a.dir);
    const forged = (await n.store.hotline.listMessages({ direction: 'sent', limit: 10 }))[0]!.message; // CERT-A's own, sender ≠ CERT-B
    await n.close();
    expect((await onB(`collections/${collection}/objects/`, 'intruder', { method: 'POST', body: JSON.stringify({ objects: [tampered, forged] }) })).status).toBe(202);
    const rejected = (id: string, code: string) => log(a).split('\n').some((l) => l.includes('pulled message rejected') && l.includes(id) && l.includes(`"code":"${code}"`));
    const seen = await waitFor(() => rejected(first.id, 'SIGNATURE_INVALID') && rejected(forged.id, 'FORBIDDEN'), 20_000);
    expect(seen, log(a).split('\n').filter((l) => l.includes('"level":40')).join('\n')).toBe(true);
    expect(log(a)).toContain(`"reason":"${forged.id} is sent by ${a.partyId}, not by ${b.partyId} whose outbox collection held it"`);
    expect(log(a).split('\n').filter((l) => l.includes('pulled message rejected'))).toHaveLength(2); // the replay was no rejection
    const held = (await received(a)).filter((m) => m.id === first.id);
    expect(held).toHaveLength(1);
    expect(held[0]!.body).toBe('Pulled thread.');
    expect(log(a)).not.toMatch(/receipt not posted back|pull stopped/);
    expect((await runParley(['verify', '--data', a.dir])).status).toBe(0);
  });

  it('ties an inbox account to its party: CERT-A\'s account cannot deliver a message sent by anyone else', async () => {
    const n = await openNode(b.dir);
    const own = (await n.store.hotline.listMessages({ direction: 'sent', limit: 1 }))[0]!.message; // sent by CERT-B
    await n.close();
    const res = await onB(`collections/${b.inbox}/objects/`, 'node-a', { method: 'POST', body: JSON.stringify({ objects: [own] }) });
    const status = (await res.json()) as { failures: { id: string; message: string }[] };
    expect(status.failures[0]).toMatchObject({ id: own.id, message: `FORBIDDEN: account node-a belongs to ${a.partyId}; it may not deliver messages sent by ${b.partyId}` });
  });
});
