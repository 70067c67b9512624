import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEnvelope } from '../../src/federation/taxii-envelope-post.ts';
import { buildMessage, type Message } from '../../src/hotline/message.ts';
import { signObject } from '../../src/hotline/signature.ts';
import { agreementFor } from '../../src/node/compose-checks.ts';
import { Directory } from '../../src/node/directory.ts';
import { deliveryTarget } from '../../src/node/delivery-recorder.ts';
import { openNode } from '../../src/node/parley-node.ts';
import { FaultCluster } from '../faults/fault-harness.ts';
import { runParley } from '../parley-process.ts';
import type { DemoPartyKey } from '../../src/demo/scenario-parties.ts';

// Issue 5's delivery features wired into real `parley serve` nodes (CERT-Arden, CERT-Borduria, Lumen Systems).
const cluster = new FaultCluster();
beforeAll(() => cluster.setUp(), 180_000);
afterAll(() => cluster.tearDown(), 60_000);

const TLP_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';

async function parley(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return runParley(args);
}

/** One request to a node's JSON API as its operator, on a fresh connection (no keep-alive race with the server's idle timeout). */
function api(key: DemoPartyKey, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const { port, operator } = cluster.state.nodes[key];
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path: `/api${path}`, method, agent: false, timeout: 20_000,
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${operator.username}:${operator.password}`).toString('base64')}` },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer`)));
    req.on('error', reject);
    req.end(payload);
  });
}

describe('receiving side: thread order', () => {
  it('holds a reply that arrives before the message it answers and applies both in order when that one arrives', async () => {
    // A real HTTP client posts envelopes CERT-Arden signed, the reply first.
    const arden = await openNode(cluster.dataDir('arden'));
    let first: Message;
    let reply: Message;
    let target;
    try {
      const lumen = cluster.party('lumen');
      const agreement = agreementFor(await new Directory(arden.store.hotline).snapshot(), arden.self.id, [lumen], 'consultation');
      const signer = arden.keyring.signer(arden.self, Date.now());
      const base = { kind: 'consultation' as const, senderRef: arden.self.id, recipientRefs: [lumen], agreementRef: agreement.id, priority: 'routine' as const, lang: 'en', tlp: 'amber' as const, evidence: [], details: {} };
      first = signObject(buildMessage({ ...base, subject: 'Out of order: first', body: 'the original', at: new Date(Date.now() - 2000) }), signer);
      reply = signObject(buildMessage({ ...base, subject: 'Out of order: reply', body: 'the follow-up', replyTo: first, at: new Date(Date.now() - 1000) }), signer);
      target = await deliveryTarget(arden, lumen);
    } finally {
      await arden.close();
    }
    const early = await postEnvelope(target, [reply]);
    expect(early.status).toBe(202);
    expect((early.body as { success_count: number; x_parley_receipts: unknown[] }).x_parley_receipts).toHaveLength(1);
    let held = await cluster.held('lumen');
    expect(held.received.map((m) => m.id)).not.toContain(reply.id); // logged and receipted, not applied
    expect(held.receivedLog.get(reply.id)).toBe(1);
    expect((await cluster.verify('lumen')).status).toBe(0); // a held reply's log entry is accounted for

    const late = await postEnvelope(target, [first]);
    expect(late.status).toBe(202);
    held = await cluster.held('lumen');
    const order = held.received.filter((m) => m.id === first.id || m.id === reply.id).map((m) => m.id);
    expect(order).toEqual([first.id, reply.id]);
    // Delivered again: the original receipt, nothing stored or logged twice.
    const again = await postEnvelope(target, [reply]);
    expect(again.status).toBe(202);
    held = await cluster.held('lumen');
    expect(held.received.filter((m) => m.id === reply.id)).toHaveLength(1);
    expect(held.receivedLog.get(reply.id)).toBe(1);
    expect(held.receivedLog.get(first.id)).toBe(1);
    const thread = await api('lumen', 'GET', `/threads/${encodeURIComponent(first.thread_id)}`);
    expect(thread.status).toBe(200);
    expect(JSON.stringify(thread.json)).toContain(reply.id);
    expect((await cluster.verify('lumen')).status).toBe(0);
  }, 120_000);
});

describe('TLP forward guard on send', () => {
  it('refuses to attach TLP:RED evidence received from CERT-Borduria to a message for Lumen Systems', async () => {
    const indicator = {
      type: 'indicator', spec_version: '2.1', id: 'indicator--3f0b5c1e-8a4e-4f7e-9c55-2f1e9f0a7b11', created: '2026-11-20T10:00:00.000Z',
      modified: '2026-11-20T10:00:00.000Z', name: 'C2 server', pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix',
      valid_from: '2026-11-20T10:00:00.000Z', object_marking_refs: [TLP_RED],
    };
    const red = await api('borduria', 'POST', '/messages', {
      kind: 'consultation', to: [cluster.party('arden')], priority: 'urgent', tlp: 'red', language: 'en', subject: 'For CERT-Arden only', body: 'Do not pass on.', evidence: [indicator],
    });
    expect(red.status).toBe(201);
    const redId = (red.json as { message: { id: string } }).message.id;
    await cluster.until('the red message at CERT-Arden', async () => (await cluster.held('arden')).received.some((m) => m.id === redId), 30_000);
    const before = (await cluster.held('arden')).sent.length;
    const forward = await api('arden', 'POST', '/messages', {
      kind: 'consultation', to: [cluster.party('lumen')], priority: 'routine', tlp: 'amber', language: 'en', subject: 'Passing this on', body: 'see attached', evidence: [indicator],
    });
    expect(forward.status).toBe(403);
    const text = JSON.stringify(forward.json);
    expect(text).toContain('TLP_VIOLATION');
    expect(text).toContain(`may not go to ${cluster.party('lumen')}: ${indicator.id} (received in ${redId}) is TLP:RED, for named recipients only`);
    expect((await cluster.held('arden')).sent.length).toBe(before); // nothing stored, nothing queued
    const outbox = await parley(['outbox', '--recipient', cluster.party('lumen'), '--data', cluster.dataDir('arden')]);
    expect(outbox.stdout).not.toContain('Passing this on');
  }, 120_000);
});

describe('parley outbox and GET /api/outbox', () => {
  it('list the real deliveries: delivered to a live counterpart, failing to one that is down', async () => {
    expect(await cluster.proc('lumen').stop()).toBe(0);
    const toLumen = (await cluster.consult('arden', 'lumen', 'While Lumen is down')).message.id;
    const toBorduria = (await cluster.consult('arden', 'borduria', 'While Borduria is up')).message.id;
    const lumen = cluster.party('lumen');
    const borduria = cluster.party('borduria');
    let out = '';
    await cluster.until('a failed attempt to Lumen Systems', async () => {
      out = (await parley(['outbox', '--data', cluster.dataDir('arden')])).stdout;
      return out.split('\n').some((l) => l.startsWith(`failing\t${toLumen}\t${lumen}\t`)) && out.includes(`delivered\t${toBorduria}\t${borduria}\t1\t-\t-`);
    }, 30_000);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('STATE\tMESSAGE\tRECIPIENT\tATTEMPTS\tLAST ERROR\tNEXT ATTEMPT');
    const failing = lines.find((l) => l.startsWith(`failing\t${toLumen}`))!.split('\t');
    expect(failing).toHaveLength(6);
    expect(Number(failing[3])).toBeGreaterThanOrEqual(1);
    expect(failing[4]).not.toBe('-');
    expect(Number.isFinite(Date.parse(failing[5]!))).toBe(true);

    const delivered = await parley(['outbox', '--state', 'delivered', '--recipient', borduria, '--limit', '1', '--data', cluster.dataDir('arden')]);
    expect(delivered.status).toBe(0);
    expect(delivered.stdout.trimEnd().split('\n')).toEqual(['STATE\tMESSAGE\tRECIPIENT\tATTEMPTS\tLAST ERROR\tNEXT ATTEMPT', `delivered\t${toBorduria}\t${borduria}\t1\t-\t-`]);
    const bad = await parley(['outbox', '--state', 'failed', '--data', cluster.dataDir('arden')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('parley outbox: unknown delivery state "failed" (expected one of queued, failing, delivered, given-up, rejected, published)');
    expect((await parley(['outbox', '--limit', '0', '--data', cluster.dataDir('arden')])).status).toBe(2);

    const listed = await api('arden', 'GET', '/outbox');
    expect(listed.status).toBe(200);
    const rows = listed.json as { message_id: string; recipient: string; state: string; attempts: number; last_error: string | null }[];
    expect(rows.find((r) => r.message_id === toBorduria && r.recipient === borduria)).toMatchObject({ state: 'delivered', attempts: 1, last_error: null });
    expect(rows.find((r) => r.message_id === toLumen && r.recipient === lumen)).toMatchObject({ state: 'failing' });

    await cluster.start('lumen');
    // Arden retries with exponential backoff (1 s doubling, full jitter): after Lumen was down for half a minute the
    // next attempt may be a minute or two away, so the operator says Lumen is back; the running node takes the
    // deliveries at its next look at the store (2 s).
    const retry = await parley(['outbox', 'retry', '--recipient', lumen, '--data', cluster.dataDir('arden')]);
    expect(retry.status).toBe(0);
    expect(retry.stdout.trim()).toMatch(/^retry: \d+ deliver(y|ies) due now$/);
    await cluster.until('the message at Lumen Systems once it is back', async () => (await cluster.held('lumen')).received.some((m) => m.id === toLumen), 30_000);
    expect((await parley(['outbox', 'retry', '--bogus', '--data', cluster.dataDir('arden')])).status).toBe(2);
  }, 300_000);
});

describe('dormancy in parley party list', () => {
  it('shows a counterpart dormant after three unanswered communication checks', async () => {
    const lumen = cluster.party('lumen');
    for (let i = 0; i < 3; i++) expect((await api('arden', 'POST', `/parties/${encodeURIComponent(lumen)}/ping`, {})).status).toBe(201);
    const column = (out: string, id: string) => out.split('\n').find((l) => l.startsWith(`${id}\t`))?.split('\t')[5];
    const now = await parley(['party', 'list', '--data', cluster.dataDir('arden')]);
    expect(now.status).toBe(0);
    expect(column(now.stdout, lumen)).toBe('active'); // inside the pings' answer window
    expect(column(now.stdout, cluster.party('arden'))).toBe('-');
    const later = await parley(['party', 'list', '--at', new Date(Date.now() + 2 * 3_600_000).toISOString(), '--data', cluster.dataDir('arden')]);
    expect(column(later.stdout, lumen)).toBe('dormant');
    expect(column(later.stdout, cluster.party('borduria'))).toBe('active'); // never pinged
    expect((await parley(['party', 'list', '--at', 'yesterday', '--data', cluster.dataDir('arden')])).status).toBe(1);
  }, 120_000);
});
