import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransportReceipt } from '../../federation/delivery-transport.ts';
import { threadOf } from '../../federation/test-counterpart.ts';
import { testParty } from '../../hotline/test-fixtures.ts';
import { openSqliteDatabase, type SqliteDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { outboxMigrations, SqliteOutboxStore } from './sqlite-outbox-store.ts';

const sender = testParty('CERT-A');
const b = testParty('CERT-B').party.id;
const c = testParty('CERT-C').party.id;
const T = '2026-03-01T10:00:00.000Z';
const receipt = { type: 'x-parley-receipt', message_id: 'm', message_modified: T, recipient_ref: b } as unknown as TransportReceipt;

describe('SqliteOutboxStore', () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: SqliteOutboxStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-outbox-store-'));
    db = openSqliteDatabase(join(dir, 'node.db'));
    migrate(db, [outboxMigrations]);
    store = new SqliteOutboxStore(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a handle on which the migrations have not run', () => {
    const other = openSqliteDatabase(join(dir, 'empty.db'));
    expect(() => new SqliteOutboxStore(other)).toThrow(/run migrate\(db, \[outboxMigrations\]\) first/);
    other.close();
  });

  it('offers a thread’s deliveries to one recipient one at a time, in enqueue order, independently per recipient', async () => {
    const thread = threadOf(sender, [b, c], 3);
    for (const m of thread) await store.enqueue({ envelope: { message: m, evidence: [] }, recipients: [b, c], enqueuedAt: T });
    const due = await store.due(T, 100);
    expect(due.map((d) => [d.messageId, d.recipient])).toEqual([[thread[0].id, b], [thread[0].id, c]]);
    await store.markFailing(due[0].seq, 'HTTP 500', '2026-03-01T10:00:05.000Z');
    await store.markDelivered(due[1].seq, receipt, T);
    expect((await store.due(T, 100)).map((d) => [d.messageId, d.recipient])).toEqual([[thread[1].id, c]]);
    expect(await store.nextAttemptAt()).toBe(T);
    await store.markRejected((await store.due(T, 100))[0].seq, 'FORBIDDEN', 'no', T);
    expect(await store.nextAttemptAt()).toBe(T); // thread[2] to c: the rejected one no longer holds it back
    expect((await store.due('2026-03-01T10:00:05.000Z', 100)).map((d) => [d.messageId, d.recipient])).toEqual([[thread[0].id, b], [thread[2].id, c]]);
  });

  it('never lets a late outcome overwrite a final state, and keeps what it recorded', async () => {
    const [m] = threadOf(sender, [b], 1);
    const [d] = await store.enqueue({ envelope: { message: m, evidence: [] }, recipients: [b], enqueuedAt: T });
    await store.markRejected(d.seq, 'AGREEMENT_NOT_IN_FORCE', 'expired', T);
    await store.markFailing(d.seq, 'HTTP 500', T);
    await store.markDelivered(d.seq, receipt, T);
    await store.markGivenUp(d.seq, 'late', T);
    expect(await store.get(d.seq)).toEqual({ seq: d.seq, messageId: m.id, messageModified: m.modified, threadId: m.thread_id, recipient: b,
      state: 'rejected', enqueuedAt: T, attempts: 1, rejectCode: 'AGREEMENT_NOT_IN_FORCE', rejectReason: 'expired', settledAt: T });
    expect(await store.envelope(d.seq)).toEqual({ message: m, evidence: [] });
    expect(await store.find(m.id, m.modified, b)).toMatchObject({ seq: d.seq });
  });

  it('filters the list by state, recipient and message, newest first, with a bounded limit', async () => {
    const thread = threadOf(sender, [b, c], 2);
    for (const m of thread) await store.enqueue({ envelope: { message: m, evidence: [] }, recipients: [b, c], enqueuedAt: T });
    const all = await store.list();
    expect(all.map((d) => d.seq)).toEqual([4, 3, 2, 1]);
    await store.markPublished(1, T);
    expect((await store.list({ state: 'published' })).map((d) => d.seq)).toEqual([1]);
    expect((await store.list({ recipient: c })).map((d) => d.seq)).toEqual([4, 2]);
    expect((await store.list({ messageId: thread[1].id, limit: 1 })).map((d) => d.seq)).toEqual([4]);
    await expect(store.list({ limit: 0 })).rejects.toThrow(/limit/);
  });
});
