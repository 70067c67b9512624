import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkEvidence, type StixObject } from '../hotline/evidence.ts';
import { buildMessage, type Message } from '../hotline/message.ts';
import { indicatorObject, signedAgreement, testParty } from '../hotline/test-fixtures.ts';
import { generateSigningKeyPair, privateKeyFromPem } from '../ledger/sign.ts';
import { openSqliteDatabase, type SqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { outboxMigrations, SqliteOutboxStore } from '../store/sqlite/sqlite-outbox-store.ts';
import { SqlitePullCursorStore } from '../store/sqlite/sqlite-pull-cursor-store.ts';
import { SqliteThreadPendingStore } from '../store/sqlite/sqlite-thread-pending-store.ts';
import type { OutboxEnvelope } from '../store/outbox-store.ts';
import type { DeliveryResult } from './delivery-transport.ts';
import { Outbox } from './outbox.ts';
import { Puller } from './pull.ts';
import { ReceiptLog } from './test-counterpart.ts';
import { TaxiiOutboxCollections } from './test-taxii-collection.ts';
import { ThreadOrder } from './thread-order.ts';
import type { CollectionSource } from './taxii-reader.ts';

const a = testParty('CERT-A');
const b = testParty('CERT-B');
const agreement = signedAgreement([a, b]);
const indicator = indicatorObject(a.party.id);

// A thread from A to B; messages 0, 2 and 5 attach the same indicator.
function thread(length: number, startMs: number): { message: Message; evidence: StixObject[] }[] {
  const out: { message: Message; evidence: StixObject[] }[] = [];
  for (let i = 0; i < length; i++) {
    const evidence = i % 5 === 0 || i === 2 ? [indicator] : [];
    const message = buildMessage({ kind: 'consultation', senderRef: a.party.id, recipientRefs: [b.party.id], agreementRef: agreement.id,
      priority: 'routine', lang: 'en', subject: `m${i}`, body: '', tlp: 'amber', evidence, at: startMs + i * 1000,
      ...(out[i - 1] ? { replyTo: out[i - 1].message } : {}) });
    out.push({ message, evidence });
  }
  return out;
}

describe('pull mode over real TAXII GETs', () => {
  let dir: string;
  let dbA: SqliteDatabase;
  let dbB: SqliteDatabase;
  let collections: TaxiiOutboxCollections;
  let source: CollectionSource;
  let outboxA: Outbox;
  let applied: { message: Message; evidence: StixObject[] }[];
  const receiptLog = new ReceiptLog(b.party.id, privateKeyFromPem(generateSigningKeyPair().privateKeyPem));

  const openB = () => {
    dbB = openSqliteDatabase(join(dir, 'b.db'));
    migrate(dbB, [outboxMigrations]);
    const present = new Set(applied.map((e) => e.message.id));
    const order = new ThreadOrder({ pending: new SqliteThreadPendingStore(dbB), isPresent: async (id) => present.has(id) });
    // B's incoming pipeline: checks the evidence, logs the arrival (receipt), applies in thread order.
    const receive = async (envelope: OutboxEnvelope, from: string): Promise<DeliveryResult> => {
      if (from !== envelope.message.sender_ref) return { outcome: 'rejected', code: 'RECIPIENT_MISMATCH', reason: 'not from this counterpart' };
      const verdict = checkEvidence(envelope.message.attachments, envelope.evidence);
      if (!verdict.ok) return { outcome: 'rejected', code: verdict.error.code, reason: verdict.error.message };
      const { receipt, fresh } = receiptLog.accept(envelope.message);
      if (fresh) await order.offer(envelope, async (e) => { present.add(e.message.id); applied.push(e); });
      return { outcome: 'delivered', receipt };
    };
    return new Puller({
      sources: async () => [source], cursors: new SqlitePullCursorStore(dbB), receive, pageSize: 2,
      postReceipt: async (_s, receipt) => { await outboxA.confirm(receipt); },
    });
  };

  const publishAll = async () => {
    for (let i = 0; i < 10; i++) await outboxA.runDue();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-pull-'));
    applied = [];
    collections = new TaxiiOutboxCollections();
    await collections.listen();
    source = collections.open(b.party.id, a.party.id, 'b-reads-a');
    dbA = openSqliteDatabase(join(dir, 'a.db'));
    migrate(dbA, [outboxMigrations]);
    outboxA = new Outbox({
      store: new SqliteOutboxStore(dbA), collectionWriter: collections, route: async () => ({ mode: 'pull' }),
      transport: { deliver: async () => ({ outcome: 'failed', reason: 'pull mode never pushes', retryable: true }) },
    });
  });
  afterEach(async () => {
    await collections.close();
    dbA.close();
    dbB?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages through the outbox collection, applies each message once with its evidence, and completes the sender’s deliveries', async () => {
    const whole = thread(7, Date.parse('2026-03-01T09:00:00.000Z'));
    const sent = whole.slice(0, 5);
    for (const e of sent) await outboxA.dispatch(e.message, e.evidence, [b.party.id]);
    await publishAll();
    expect((await outboxA.list()).map((d) => d.state)).toEqual(Array(5).fill('published'));

    const puller = openB();
    const [report] = await puller.pollAll();
    expect(report).toMatchObject({ partyId: a.party.id, delivered: sent.map((e) => e.message.id), rejected: [], receiptErrors: [] });
    expect(report.error).toBeUndefined();
    expect(report.pages).toBe(3); // 6 objects (indicator + 5 messages), 2 per page
    expect(collections.gets.some((g) => g.includes('next=2'))).toBe(true);
    expect(applied.map((e) => e.message.id)).toEqual(sent.map((e) => e.message.id));
    expect(applied[2].evidence).toEqual([indicator]);
    const deliveries = await outboxA.list();
    expect(deliveries.map((d) => d.state)).toEqual(Array(5).fill('delivered'));
    expect(deliveries.every((d) => d.receipt?.recipient_ref === b.party.id)).toBe(true);

    // Nothing new: one page, nothing delivered again.
    expect(await puller.poll(source)).toMatchObject({ pages: 1, delivered: [] });

    // After a restart the cursor holds; new messages come, one attaching evidence read in an earlier poll.
    dbB.close();
    const restarted = openB();
    const more = whole.slice(5);
    for (const e of more) await outboxA.dispatch(e.message, e.evidence, [b.party.id]);
    await publishAll();
    const [again] = await restarted.pollAll();
    expect(again.delivered).toEqual([more[0].message.id, more[1].message.id]);
    expect(collections.gets.some((g) => g.startsWith(`/api1/collections/${source.collectionId}/objects/${indicator.id}/`))).toBe(true);
    expect(applied.map((e) => e.message.id)).toEqual(whole.map((e) => e.message.id));
    expect(applied[5].evidence).toEqual([indicator]);
    expect((await outboxA.list({ state: 'delivered' })).length).toBe(7);
  });

  it('keeps the cursor when the pipeline cannot take a message now, and reads the page again next poll', async () => {
    const sent = thread(3, Date.parse('2026-03-01T09:00:00.000Z'));
    for (const e of sent) await outboxA.dispatch(e.message, e.evidence, [b.party.id]);
    await publishAll();
    let busy = true;
    dbB = openSqliteDatabase(join(dir, 'b.db'));
    migrate(dbB, [outboxMigrations]);
    const cursors = new SqlitePullCursorStore(dbB);
    const got: string[] = [];
    const puller = new Puller({
      sources: async () => [source], cursors, pageSize: 2,
      receive: async (e) => {
        if (busy && e.message.id === sent[1].message.id) return { outcome: 'failed', reason: 'store busy', retryable: true };
        got.push(e.message.id);
        return { outcome: 'delivered', receipt: receiptLog.accept(e.message).receipt };
      },
    });
    const first = await puller.poll(source);
    expect(first.error).toBe(`${sent[1].message.id}: store busy`);
    // Page 1 (indicator, message 0) was handed over; page 2 (messages 1 and 2) was not.
    expect(first.delivered).toEqual([sent[0].message.id]);
    const afterFirstPage = await cursors.get(a.party.id);
    expect(afterFirstPage).toMatch(/^2\d{3}-/);
    busy = false;
    const second = await puller.poll(source);
    expect(second.error).toBeUndefined();
    expect(second.delivered).toEqual([sent[1].message.id, sent[2].message.id]);
    expect(collections.gets.filter((g) => g.includes(`added_after=${encodeURIComponent(afterFirstPage!)}`)).length).toBe(1);
    expect(got).toEqual(sent.map((e) => e.message.id));
    expect((await cursors.get(a.party.id))! > afterFirstPage!).toBe(true);
  });

  it('polls on its own once started, and stops', async () => {
    const sent = thread(2, Date.parse('2026-03-01T09:00:00.000Z'));
    openB();
    const started = new Puller({ sources: async () => [source], cursors: new SqlitePullCursorStore(dbB), intervalMs: 20,
      receive: async (e) => ({ outcome: 'delivered', receipt: receiptLog.accept(e.message).receipt }) });
    started.start();
    for (const e of sent) await outboxA.dispatch(e.message, e.evidence, [b.party.id]);
    await publishAll();
    const until = Date.now() + 5000;
    while (collections.gets.filter((g) => g.includes('added_after=')).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await started.stop();
    const after = collections.gets.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(collections.gets.length).toBe(after);
    expect(await new SqlitePullCursorStore(dbB).get(a.party.id)).toMatch(/^2\d{3}-/);
  });

  it('reports a refused account or an unreachable counterpart without moving the cursor', async () => {
    dbB = openSqliteDatabase(join(dir, 'b.db'));
    migrate(dbB, [outboxMigrations]);
    const cursors = new SqlitePullCursorStore(dbB);
    const puller = new Puller({ sources: async () => [], cursors, receive: async () => ({ outcome: 'failed', reason: 'unused', retryable: true }) });
    const wrong = await puller.poll({ ...source, credentials: { kind: 'bearer', token: 'stolen' } });
    expect(wrong.error).toMatch(/answered HTTP 403$/);
    await collections.close();
    const down = await puller.poll(source);
    expect(down.error).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/api1\//);
    expect(await cursors.get(a.party.id)).toBeUndefined();
    collections = new TaxiiOutboxCollections();
    await collections.listen();
  });
});
