import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import type { Message } from '../hotline/message.ts';
import { postEnvelope } from '../federation/taxii-envelope-post.ts';
import { checkTransportReceipt, type TransportReceipt } from '../federation/transport-receipt.ts';
import { createNodeServer, type NodeServer } from '../taxii/node-server.ts';
import { proposeAndSend, signAndSend } from './agreement-exchange.ts';
import { commitInGroup } from './commit-group.ts';
import { recordDeliveries } from './delivery-batch-recorder.ts';
import { deliveryTarget } from './delivery-recorder.ts';
import { adoptListeningUrl, initNode } from './init-node.ts';
import { nodeInbox } from './node-inbox.ts';
import { openNode, type ParleyNode } from './parley-node.ts';
import { verifyNode } from './verify-node.ts';

const root = mkdtempSync(join(tmpdir(), 'parley-batch-'));
interface Running { node: ParleyNode; server: NodeServer }
let a: Running;
let b: Running;

async function start(name: string): Promise<Running> {
  const dir = join(root, name);
  await initNode(dir, { name });
  const node = await openNode(dir, { passwordCost: 2 ** 14 });
  const server = await createNodeServer({ store: node.store, node: { title: name }, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0,
    inbox: nodeInbox(node, (await node.store.records.getState('inbox_collection'))!) });
  await adoptListeningUrl(dir, server.url);
  return { node, server };
}

const password = (ok: boolean) => (ok ? 'a-long-password' : 'not-the-password');
async function useCredentials(x: Running, y: Running, ok: boolean): Promise<void> {
  await x.node.store.transaction(async () => x.node.store.records.putCredentials({ partyId: y.node.self.id, username: `from-${x.node.self.name}`, password: password(ok) }));
}

beforeAll(async () => {
  a = await start('a');
  b = await start('b');
  for (const [x, y] of [[a, b], [b, a]] as const) {
    await x.node.store.hotline.putParty((await y.node.store.hotline.getOwnParty())!, { own: false });
    await y.node.store.accounts.add(`from-${x.node.self.name}`, password(true), [{ collection: (await y.node.store.records.getState('inbox_collection'))!, canRead: false, canWrite: true }]);
    await useCredentials(x, y, true);
  }
  const { agreement } = await proposeAndSend(a.node, {
    partyRefs: [b.node.self.id], name: 'batch', commitments: [a.node.self.id, b.node.self.id].map((party_ref) => ({ party_ref, protected_sectors: ['water'] })),
    rules: { message_kinds: ['consultation', 'acknowledgement'], deadlines: [], default_tlp: 'amber', working_languages: ['en'], communication_check_hours: 720 },
  });
  await signAndSend(b.node, agreement.id);
});

afterAll(async () => {
  for (const r of [a, b]) {
    await r.server.close();
    await r.node.close();
  }
  rmSync(root, { recursive: true, force: true });
});

const draft = (to: string, i: number) => ({ kind: 'consultation' as const, to: [to], priority: 'routine' as const, tlp: 'amber' as const, language: 'en', subject: `Batch ${i}`, body: 'Seen it?' });

describe('batched delivery between two nodes', () => {
  it('concurrent sends share envelopes and checkpoints; every receipt verifies on its own and both logs verify', async () => {
    const bParty = (await a.node.store.hotline.getParty(b.node.self.id))!;
    const sizeBefore = await b.node.log.size();
    const sent = await Promise.all(Array.from({ length: 24 }, (_, i) => a.node.service.send(draft(b.node.self.id, i), 'tester')));
    const receipts: TransportReceipt[] = [];
    for (const s of sent) {
      const receipt = await a.node.service.receiptOf(s.message.id, b.node.self.id);
      expect(receipt).toBeDefined();
      expect(checkTransportReceipt(receipt!, s.message, bParty)).toBeNull();
      receipts.push(receipt!);
    }
    // 24 messages: one log entry each on the recipient, but far fewer checkpoints than messages.
    expect(await b.node.log.size()).toBe(sizeBefore + 24);
    expect(new Set(receipts.map((r) => r.checkpoint.signature)).size).toBeLessThanOrEqual(12);
    expect(new Set(receipts.map((r) => r.leaf_index)).size).toBe(24);
    for (const n of [a, b]) expect((await verifyNode(n.node)).ok).toBe(true);
  });

  it('an envelope of several messages: one bad message is rejected alone, a repeated one is one delivery, one checkpoint covers the rest', async () => {
    // Delivery refused (wrong password): the messages stay stored as sent, signed, and undelivered.
    await useCredentials(a, b, false);
    const sent = await Promise.all(Array.from({ length: 4 }, (_, i) => a.node.service.send(draft(b.node.self.id, 100 + i), 'tester')));
    expect((await a.node.store.records.delivery(sent[0]!.message.id, b.node.self.id))?.outcome).toBe('rejected');
    await useCredentials(a, b, true);
    const [m1, m2, m3, m4] = sent.map((s) => s.message) as [Message, Message, Message, Message];
    const tampered = { ...m3, body: 'Changed on the way.' };
    const sizeBefore = await b.node.log.size();
    const answer = await postEnvelope(await deliveryTarget(a.node, b.node.self.id), [m1, m2, tampered, m4, m1]);
    expect(answer.status).toBe(202);
    const body = answer.body as { failures: { id: string; message: string }[]; x_parley_receipts: TransportReceipt[]; success_count: number };
    expect(body.failures.map((f) => [f.id, f.message.split(':')[0]])).toEqual([[m3.id, 'SIGNATURE_INVALID']]);
    expect(body.x_parley_receipts.map((r) => r.message_id)).toEqual([m1.id, m2.id, m4.id, m1.id]);
    expect(await b.node.log.size()).toBe(sizeBefore + 3);
    expect(await b.node.store.hotline.hasMessage(m3.id)).toBe(false);
    const bParty = (await a.node.store.hotline.getParty(b.node.self.id))!;
    const byId = new Map([m1, m2, m4].map((m) => [m.id, m]));
    for (const r of body.x_parley_receipts) expect(checkTransportReceipt(r, byId.get(r.message_id)!, bParty)).toBeNull();
    expect(new Set(body.x_parley_receipts.map((r) => r.checkpoint.signature)).size).toBe(1);
    expect(body.x_parley_receipts[3]).toEqual(body.x_parley_receipts[0]);
    // The sender files the batch in one transaction; a receipt for another message counts as a failed delivery.
    const records = await recordDeliveries(a.node, b.node.self.id, [
      ...[m1, m2, m4].map((m, i) => ({ message: m, result: { outcome: 'delivered' as const, receipt: body.x_parley_receipts[i]! } })),
      { message: m3, result: { outcome: 'delivered' as const, receipt: body.x_parley_receipts[0]! } },
    ]);
    expect(records.map((r) => r.outcome)).toEqual(['delivered', 'delivered', 'delivered', 'failed']);
    expect(records[3]!.reason).toMatch(/^bad receipt: names another message/);
    for (const m of [m1, m2, m4]) expect(await a.node.service.receiptOf(m.id, b.node.self.id)).toBeDefined();
    // The same envelope again: nothing is applied twice, the same receipts come back.
    const again = await postEnvelope(await deliveryTarget(a.node, b.node.self.id), [m1, m2, m4]);
    expect((again.body as { x_parley_receipts: TransportReceipt[] }).x_parley_receipts).toEqual(body.x_parley_receipts.slice(0, 3));
    expect(await b.node.log.size()).toBe(sizeBefore + 3);
    for (const n of [a, b]) expect((await verifyNode(n.node)).ok).toBe(true);
  });

  it('a group commit that fails is rolled back and retried one by one: the good commit lands, the bad one gets its own error', async () => {
    await useCredentials(a, b, false);
    const { message } = await a.node.service.send(draft(b.node.self.id, 200), 'tester');
    await useCredentials(a, b, true);
    const agreement = (await b.node.store.hotline.getAgreementVersions(message.agreement_ref)).at(-1)!;
    const sizeBefore = await b.node.log.size();
    const commit = { message, evidence: [], direction: 'received' as const, agreement, self: b.node.self, at: new Date().toISOString() };
    const [first, second] = await Promise.allSettled([commitInGroup(b.node, commit), commitInGroup(b.node, commit)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && isParleyError(second.reason, 'REPLAY')).toBe(true);
    expect(await b.node.log.size()).toBe(sizeBefore + 1);
    expect((await verifyNode(b.node)).ok).toBe(true);
  });
});
