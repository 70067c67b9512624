import { existsSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import { decodeLogEntry } from '../ledger/log-entry.ts';
import { createNodeServer, type NodeServer } from '../taxii/node-server.ts';
import { proposeAndSend, signAndSend } from './agreement-exchange.ts';
import { initNode } from './init-node.ts';
import { nodeInbox } from './node-inbox.ts';
import { openNode, type ParleyNode } from './parley-node.ts';
import { adoptListeningUrl } from './init-node.ts';
import { checkDeadlines } from './deadline-checks.ts';
import type { HotlineStore } from '../store/hotline-store.ts';

const root = mkdtempSync(join(tmpdir(), 'parley-service-'));
let clock = Date.now() + 1000;
const now = () => new Date(clock);

interface Running { dir: string; node: ParleyNode; server: NodeServer }
const running: Running[] = [];

async function start(name: string): Promise<Running> {
  const dir = join(root, name);
  if (!existsSync(join(dir, 'keys'))) await initNode(dir, { name });
  const node = await openNode(dir, { now, passwordCost: 2 ** 14 });
  const server = await createNodeServer({ store: node.store, node: { title: name }, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0,
    inbox: nodeInbox(node, (await node.store.records.getState('inbox_collection'))!) });
  await adoptListeningUrl(dir, server.url);
  const r = { dir, node, server };
  running.push(r);
  return r;
}

async function stop(r: Running): Promise<void> {
  await r.server.close();
  await r.node.close();
  running.splice(running.indexOf(r), 1);
}

let a: Running;
let b: Running;

beforeAll(async () => {
  a = await start('a');
  b = await start('b');
  for (const [x, y] of [[a, b], [b, a]] as const) {
    await x.node.store.hotline.putParty((await y.node.store.hotline.getOwnParty())!, { own: false });
    await y.node.store.accounts.add(`from-${x.node.self.name}`, 'a-long-password', [{ collection: (await y.node.store.records.getState('inbox_collection'))!, canRead: false, canWrite: true }]);
    await x.node.store.transaction(async () => x.node.store.records.putCredentials({ partyId: y.node.self.id, username: `from-${x.node.self.name}`, password: 'a-long-password' }));
  }
  const { agreement, deliveries } = await proposeAndSend(a.node, {
    partyRefs: [b.node.self.id], name: 'test', commitments: [a.node.self.id, b.node.self.id].map((party_ref) => ({ party_ref, protected_sectors: ['energy'] })),
    rules: { message_kinds: ['consultation', 'acknowledgement', 'response', 'closure'], deadlines: [{ kind: 'consultation', priority: 'routine', acknowledge_minutes: 1, respond_minutes: 3 }],
      default_tlp: 'amber', working_languages: ['en'], communication_check_hours: 720 },
  });
  expect(deliveries).toEqual([{ partyId: b.node.self.id, ok: true }]);
  await signAndSend(b.node, agreement.id);
});

afterAll(async () => {
  for (const r of [...running]) await stop(r);
  rmSync(root, { recursive: true, force: true });
});

const draft = (to: string) => ({ kind: 'consultation' as const, to: [to], priority: 'routine' as const, tlp: 'amber' as const, language: 'en', subject: 'Scanning', body: 'Seen it?' });
const deadlineEvents = async (node: ParleyNode) => (await node.store.log.entries(0, await node.store.log.size()))
  .map((leaf) => decodeLogEntry(leaf.bytes)).flatMap((d) => ('entry' in d && d.entry.kind === 'deadline-event' ? [d.entry] : []));

describe('node runtime and hotline service', () => {
  it('keeps the private key in DATA/keys with mode 0600 and refuses to initialise twice', async () => {
    const keys = readdirSync(join(a.dir, 'keys')).filter((f) => f.endsWith('.pem'));
    expect(keys).toHaveLength(1);
    expect(statSync(join(a.dir, 'keys', 'credentials.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(a.dir, 'keys', keys[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(a.dir, 'keys')).mode & 0o777).toBe(0o700);
    await expect(initNode(a.dir, { name: 'again' })).rejects.toSatisfy((e) => isParleyError(e, 'CONFLICT'));
  });

  it('delivers with a receipt the sender verified and keeps; a duplicate gets the same receipt and changes nothing', async () => {
    const sent = await a.node.service.send(draft(b.node.self.id), 'tester');
    const receipt = await a.node.service.receiptOf(sent.message.id, b.node.self.id);
    expect(receipt?.checkpoint.origin).toBe(b.node.self.id);
    const size = await b.node.log.size();
    const again = await b.node.service.receive({ message: sent.message, evidence: [] });
    expect(again).toMatchObject({ outcome: 'duplicate', receipt });
    expect(await b.node.log.size()).toBe(size);
  });

  it('escalates an overdue deadline once, recorded in the store and the log, also after reopening the node', async () => {
    const sent = await a.node.service.send(draft(b.node.self.id), 'tester');
    clock += 61_000;
    const escalated = await b.node.service.checkDeadlines();
    expect(escalated.filter((d) => d.messageId === sent.message.id).map((d) => [d.messageId, d.state, d.escalations.map((e) => e.step)])).toEqual([[sent.message.id, 'overdue', ['acknowledge']]]);
    expect(await b.node.service.checkDeadlines()).toEqual([]);
    const events = (await deadlineEvents(b.node)).length;
    await stop(b);
    b = await start('b');
    expect(await b.node.service.checkDeadlines()).toEqual([]);
    expect(await deadlineEvents(b.node)).toHaveLength(events);
    expect((await deadlineEvents(b.node)).filter((e) => e.object_id === sent.message.id).map((e) => [e.object_id, e.detail?.step])).toEqual([[sent.message.id, 'acknowledge']]);
    // A late acknowledgement is recorded; the respond deadline can still be missed and escalates once more.
    // B listens on a new port now: A learns its new record.
    await a.node.store.hotline.putParty((await b.node.store.hotline.getOwnParty())!, { own: false });
    await b.node.service.acknowledge(sent.message.id, { body: 'late' }, 'tester');
    clock += 3 * 60_000;
    // A had not checked before the (late) acknowledgement arrived, so only the missed response escalates there.
    const later = await a.node.service.checkDeadlines();
    expect(later.filter((d) => d.messageId === sent.message.id).map((d) => d.escalations.map((e) => e.step))).toEqual([['respond']]);
  });

  it('does not escalate twice when another instance escalated between this check reading and writing', async () => {
    const sent = await a.node.service.send(draft(b.node.self.id), 'tester');
    clock += 61_000;
    // What a concurrent check on another instance read before this one committed (PostgreSQL read committed allows it).
    const read = await b.node.store.hotline.listDeadlines({ states: ['open', 'acknowledged', 'overdue'] });
    expect(read.some((d) => d.messageId === sent.message.id && d.state === 'open')).toBe(true);
    const first = await b.node.service.checkDeadlines();
    expect(first.map((d) => d.messageId)).toContain(sent.message.id);
    const hotline = b.node.store.hotline;
    const staleRead = new Proxy(hotline, {
      get: (target, key) => (key === 'listDeadlines' ? async () => read : Reflect.get(target, key, target) as unknown),
    }) as HotlineStore;
    const late = await checkDeadlines({ ...b.node, store: { ...b.node.store, hotline: staleRead } }, now());
    expect(late.map((d) => d.messageId)).not.toContain(sent.message.id);
    expect((await deadlineEvents(b.node)).filter((e) => e.object_id === sent.message.id)).toHaveLength(1);
    expect((await hotline.getDeadline(sent.message.id, b.node.self.id))?.escalations).toHaveLength(1);
  });

  it('refuses to send outside an agreement in force', async () => {
    await expect(a.node.service.send({ ...draft(b.node.self.id), kind: 'ping' }, 'tester')).rejects.toSatisfy((e) => isParleyError(e, 'FORBIDDEN'));
    await expect(a.node.service.send(draft('identity--00000000-0000-4000-8000-000000000000'), 'tester')).rejects.toSatisfy((e) => isParleyError(e, 'UNKNOWN_PARTY'));
  });
});
