import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryEnvelope, DeliveryResult, DeliveryTarget } from '../federation/delivery-transport.ts';
import { TaxiiDeliveryTransport } from '../federation/taxii-delivery-transport.ts';
import { checkTransportReceipt } from '../federation/transport-receipt.ts';
import { createNodeServer, type NodeServer } from '../taxii/node-server.ts';
import { proposeAndSend, signAndSend } from './agreement-exchange.ts';
import { adoptListeningUrl, initNode } from './init-node.ts';
import { nodeInbox } from './node-inbox.ts';
import { createNodeOutbox, type NodeOutbox } from './node-outbox.ts';
import { openNode, type ParleyNode } from './parley-node.ts';
import { verifyNode } from './verify-node.ts';

// The real TAXII transport, counting the POSTs it makes and the messages in each.
class CountingTransport extends TaxiiDeliveryTransport {
  readonly posts: string[][] = [];
  override deliverAll(target: DeliveryTarget, envelopes: readonly DeliveryEnvelope[], signal?: AbortSignal): Promise<DeliveryResult[]> {
    this.posts.push(envelopes.map((e) => e.message.subject));
    return super.deliverAll(target, envelopes, signal);
  }
}

const root = mkdtempSync(join(tmpdir(), 'parley-outbox-batch-'));
interface Running { node: ParleyNode; server: NodeServer }
let a: Running;
let b: Running;
let outbox: NodeOutbox;
let transport: CountingTransport;
const filed: string[] = [];
const errors: unknown[] = [];

async function start(name: string, withOutbox: boolean): Promise<Running> {
  const dir = join(root, name);
  await initNode(dir, { name });
  const node = await openNode(dir, {
    passwordCost: 2 ** 14,
    ...(withOutbox ? { dispatcher: (n: ParleyNode) => {
      transport = new CountingTransport();
      outbox = createNodeOutbox(n, transport, { maxBatch: 4, onError: (error) => errors.push(error), onReceiptFiled: (id) => filed.push(id) });
      return outbox.outbox;
    } } : {}),
  });
  const server = await createNodeServer({ store: node.store, node: { title: name }, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0,
    inbox: nodeInbox(node, (await node.store.records.getState('inbox_collection'))!) });
  await adoptListeningUrl(dir, server.url);
  return { node, server };
}

beforeAll(async () => {
  a = await start('a', true);
  b = await start('b', false);
  for (const [x, y] of [[a, b], [b, a]] as const) {
    await x.node.store.hotline.putParty((await y.node.store.hotline.getOwnParty())!, { own: false });
    await y.node.store.accounts.add(`from-${x.node.self.name}`, 'a-long-password', [{ collection: (await y.node.store.records.getState('inbox_collection'))!, canRead: false, canWrite: true }]);
    await x.node.store.transaction(async () => x.node.store.records.putCredentials({ partyId: y.node.self.id, username: `from-${x.node.self.name}`, password: 'a-long-password' }));
  }
  const { agreement } = await proposeAndSend(a.node, {
    partyRefs: [b.node.self.id], name: 'outbox batches', commitments: [a.node.self.id, b.node.self.id].map((party_ref) => ({ party_ref, protected_sectors: ['water'] })),
    rules: { message_kinds: ['consultation', 'acknowledgement'], deadlines: [], default_tlp: 'amber', working_languages: ['en'], communication_check_hours: 720 },
  });
  await signAndSend(b.node, agreement.id);
});

beforeEach(() => {
  transport.posts.length = 0;
  filed.length = 0;
  errors.length = 0;
});

afterAll(async () => {
  await outbox.stop();
  for (const r of [a, b]) {
    await r.server.close();
    await r.node.close();
  }
  rmSync(root, { recursive: true, force: true });
});

const draft = (to: string, subject: string) => ({ kind: 'consultation' as const, to: [to], priority: 'routine' as const, tlp: 'amber' as const, language: 'en', subject, body: 'Seen it?' });

// Runs the outbox's due attempts until nothing is pending (bounded).
async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await outbox.outbox.runDue();
    const pending = [...await outbox.outbox.list({ state: 'queued' }), ...await outbox.outbox.list({ state: 'failing' })];
    if (pending.length === 0) return;
  }
  throw new Error('the outbox did not drain in 20 rounds');
}

describe('the persistent outbox batches per recipient', () => {
  it('queued messages to one counterpart go in POSTs of at most maxBatch, each with its own verified, filed receipt', async () => {
    const sizeBefore = await b.node.log.size();
    const sent = [];
    for (let i = 0; i < 10; i++) sent.push(await a.node.service.send(draft(b.node.self.id, `Batch ${i}`), 'tester'));
    await drain();
    expect(transport.posts.map((p) => p.length)).toEqual([4, 4, 2]);
    expect(transport.posts.flat()).toEqual(sent.map((s) => s.message.subject));
    const bParty = (await a.node.store.hotline.getParty(b.node.self.id))!;
    for (const s of sent) {
      const receipt = await a.node.service.receiptOf(s.message.id, b.node.self.id);
      expect(receipt).toBeDefined();
      expect(checkTransportReceipt(receipt!, s.message, bParty)).toBeNull();
      const [delivery] = await outbox.outbox.list({ messageId: s.message.id });
      expect(delivery).toMatchObject({ state: 'delivered', attempts: 1 });
      expect((await a.node.store.records.delivery(s.message.id, b.node.self.id))?.outcome).toBe('delivered');
    }
    expect(filed).toEqual(sent.map((s) => s.message.id));
    expect(errors).toEqual([]);
    // One log entry per message on the recipient, one checkpoint per POST; both logs still verify.
    expect(await b.node.log.size()).toBe(sizeBefore + 10);
    const checkpoints = new Set(await Promise.all(sent.map(async (s) => (await a.node.service.receiptOf(s.message.id, b.node.self.id))!.checkpoint.signature)));
    expect(checkpoints.size).toBe(3);
    for (const r of [a, b]) expect((await verifyNode(r.node)).ok).toBe(true);
  });

  it('a thread\'s reply waits for the message before it, while other threads share the POST', async () => {
    const first = await a.node.service.send(draft(b.node.self.id, 'Thread start'), 'tester');
    const reply = await a.node.service.consult(first.message.id, { subject: 'Thread reply', body: 'And now?' }, 'tester');
    const other = await a.node.service.send(draft(b.node.self.id, 'Other thread'), 'tester');
    await drain();
    expect(transport.posts).toEqual([['Thread start', 'Other thread'], ['Thread reply']]);
    const onB = await b.node.store.hotline.listThread(first.message.thread_id);
    expect(onB.map((s) => s.message.id)).toEqual([first.message.id, reply.message.id]);
    expect(filed.sort()).toEqual([first, reply, other].map((s) => s.message.id).sort());
  });

  it('a receipt batch that cannot be filed is not marked delivered either: it stays pending and is filed once later', async () => {
    // The filing fails once (its checkpoint-received log entry), inside the transaction that also marks the delivery.
    const append = a.node.log.append.bind(a.node.log);
    let failures = 1;
    Object.defineProperty(a.node.log, 'append', {
      configurable: true,
      value: (...args: Parameters<typeof append>) => (failures-- > 0 ? Promise.reject(new Error('disk full')) : append(...args)),
    });
    try {
      const sent = await a.node.service.send(draft(b.node.self.id, 'Filed later'), 'tester');
      await outbox.outbox.runDue();
      expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
      expect((await outbox.outbox.list({ messageId: sent.message.id }))[0]).toMatchObject({ state: 'queued' });
      expect(await a.node.service.receiptOf(sent.message.id, b.node.self.id)).toBeUndefined();
      expect(await a.node.store.records.delivery(sent.message.id, b.node.self.id)).toBeUndefined();
      expect(filed).toEqual([]);
      await drain();
      // Delivered again; the recipient answered with the receipt it issued the first time, now filed once.
      expect(transport.posts).toEqual([['Filed later'], ['Filed later']]);
      expect((await outbox.outbox.list({ messageId: sent.message.id }))[0]).toMatchObject({ state: 'delivered' });
      const receipt = await a.node.service.receiptOf(sent.message.id, b.node.self.id);
      expect(checkTransportReceipt(receipt!, sent.message, (await a.node.store.hotline.getParty(b.node.self.id))!)).toBeNull();
      expect(filed).toEqual([sent.message.id]);
      for (const r of [a, b]) expect((await verifyNode(r.node)).ok).toBe(true);
    } finally {
      Reflect.deleteProperty(a.node.log, 'append');
    }
  });

  it('a message the recipient refuses is rejected alone; the others of its POST are delivered', async () => {
    const good = await a.node.service.send(draft(b.node.self.id, 'Good one'), 'tester');
    // A copy whose body no longer matches its signature, queued as if it had been sent.
    const forgedId = good.message.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const forged = { ...good.message, id: forgedId, thread_id: forgedId, subject: 'Forged' };
    await a.node.store.deliveries.enqueue({ envelope: { message: forged, evidence: [] }, recipients: [b.node.self.id], enqueuedAt: new Date().toISOString() });
    const after = await a.node.service.send(draft(b.node.self.id, 'After'), 'tester');
    await drain();
    expect(transport.posts).toEqual([['Good one', 'Forged', 'After']]);
    const [rejected] = await outbox.outbox.list({ messageId: forged.id });
    expect(rejected).toMatchObject({ state: 'rejected', rejectCode: 'SIGNATURE_INVALID', attempts: 1 });
    for (const s of [good, after]) expect((await outbox.outbox.list({ messageId: s.message.id }))[0]).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(filed).toEqual([good.message.id, after.message.id]);
  });
});
