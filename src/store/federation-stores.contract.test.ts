import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/postgres-database.ts';
import type { TransportReceipt } from '../federation/delivery-transport.ts';
import { threadOf } from '../federation/test-counterpart.ts';
import { testParty } from '../hotline/test-fixtures.ts';
import type { OutboxStore } from './outbox-store.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';
import type { PullCursorStore } from './pull-cursor-store.ts';
import type { SessionStore } from './session-store.ts';
import { openSqliteDatabase } from './sqlite/database.ts';
import { migrate } from './sqlite/migrate.ts';
import { outboxMigrations, SqliteOutboxStore } from './sqlite/sqlite-outbox-store.ts';
import { SqlitePullCursorStore } from './sqlite/sqlite-pull-cursor-store.ts';
import { SqliteSessionStore, sessionMigrations } from './sqlite/sqlite-session-store.ts';
import { SqliteThreadPendingStore } from './sqlite/sqlite-thread-pending-store.ts';
import type { ThreadPendingStore } from './thread-pending-store.ts';

interface FederationStores { outbox: OutboxStore; sessions: SessionStore; pullCursors: PullCursorStore; threadPending: ThreadPendingStore }

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every backend of the outbox, session, pull-cursor and held-arrival stores; the same contract runs over each. */
const BACKENDS: readonly { name: string; open(): Promise<FederationStores> }[] = [{
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'parley-federation-stores-'));
    const db = openSqliteDatabase(join(dir, 'node.db'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }), async () => void db.close());
    migrate(db, [outboxMigrations, sessionMigrations]);
    return { outbox: new SqliteOutboxStore(db), sessions: new SqliteSessionStore(db), pullCursors: new SqlitePullCursorStore(db), threadPending: new SqliteThreadPendingStore(db) };
  },
}, {
  name: 'postgres',
  async open() {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const store = await openPostgresStore(database.url, { maxConnections: 3 });
    cleanups.push(() => store.close());
    return store;
  },
}];

const sender = testParty('CERT-A');
const b = testParty('CERT-B').party.id;
const c = testParty('CERT-C').party.id;
const T = '2026-03-01T10:00:00.000Z';
const receipt = { type: 'x-parley-receipt', message_id: 'm', message_modified: T, recipient_ref: b } as unknown as TransportReceipt;

for (const backend of BACKENDS) {
  describe(`${backend.name}: outbox store`, () => {
    it('offers a thread’s deliveries to one recipient one at a time, in enqueue order, independently per recipient', async () => {
      const { outbox: store } = await backend.open();
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

    it('leaves out deliveries in flight and busy recipients, and caps what one recipient gets', async () => {
      const { outbox: store } = await backend.open();
      const threads = [0, 1, 2].map((i) => threadOf(sender, [b, c], 1, Date.parse('2026-03-01T09:00:00.000Z') + i * 60_000)[0]);
      for (const m of threads) await store.enqueue({ envelope: { message: m, evidence: [] }, recipients: [b, c], enqueuedAt: T });
      expect((await store.due(T, 100, { perRecipient: 1 })).map((d) => d.recipient)).toEqual([b, c]);
      expect((await store.due(T, 100, { excludeRecipients: [b] })).map((d) => d.recipient)).toEqual([c, c, c]);
      expect((await store.due(T, 2, { excludeSeqs: [1, 2] })).map((d) => d.seq)).toEqual([3, 4]);
      expect(await store.nextAttemptAt({ recipients: [b, c] })).toBeUndefined();
    });

    it('never lets a late outcome overwrite a final state, and keeps what it recorded', async () => {
      const { outbox: store } = await backend.open();
      const [m] = threadOf(sender, [b], 1);
      const [d] = await store.enqueue({ envelope: { message: m, evidence: [] }, recipients: [b], enqueuedAt: T });
      expect(await store.enqueue({ envelope: { message: m, evidence: [] }, recipients: [b], enqueuedAt: T })).toEqual([]);
      await store.markRejected(d.seq, 'AGREEMENT_NOT_IN_FORCE', 'expired', T);
      await store.markFailing(d.seq, 'HTTP 500', T);
      await store.markDelivered(d.seq, receipt, T);
      await store.markGivenUp(d.seq, 'late', T);
      expect(await store.get(d.seq)).toEqual({ seq: d.seq, messageId: m.id, messageModified: m.modified, threadId: m.thread_id, recipient: b,
        state: 'rejected', enqueuedAt: T, attempts: 1, rejectCode: 'AGREEMENT_NOT_IN_FORCE', rejectReason: 'expired', settledAt: T });
      expect(await store.envelope(d.seq)).toEqual({ message: m, evidence: [] });
      expect(await store.find(m.id, m.modified, b)).toMatchObject({ seq: d.seq });
      await expect(store.envelope(999)).rejects.toThrow(/no delivery 999/);
    });

    it('makes failing deliveries due now on request, for one recipient or all, and leaves other states alone', async () => {
      const { outbox: store } = await backend.open();
      const [m1, m2, m3] = threadOf(sender, [b, c], 3).map((m) => ({ ...m, thread_id: `${m.id}-thread` }) as typeof m);
      const later = '2026-03-01T11:00:00.000Z';
      const [toB] = await store.enqueue({ envelope: { message: m1!, evidence: [] }, recipients: [b], enqueuedAt: T });
      const [toC] = await store.enqueue({ envelope: { message: m2!, evidence: [] }, recipients: [c], enqueuedAt: T });
      const [delivered] = await store.enqueue({ envelope: { message: m3!, evidence: [] }, recipients: [b], enqueuedAt: T });
      await store.markFailing(toB!.seq, 'HTTP 503', later);
      await store.markFailing(toC!.seq, 'connection refused', later);
      await store.markDelivered(delivered!.seq, receipt, T);
      expect(await store.due(T, 10)).toEqual([]);
      expect(await store.retryNow(T, b)).toBe(1);
      expect((await store.due(T, 10)).map((d) => d.seq)).toEqual([toB!.seq]);
      expect(await store.get(toB!.seq)).toMatchObject({ state: 'failing', attempts: 1, lastError: 'HTTP 503', nextAttemptAt: T });
      expect(await store.retryNow(T, b)).toBe(0);
      expect(await store.retryNow(T)).toBe(1);
      expect((await store.due(T, 10)).map((d) => d.seq)).toEqual([toB!.seq, toC!.seq]);
      expect(await store.get(delivered!.seq)).toMatchObject({ state: 'delivered' });
    });

    it('filters the list by state, recipient and message, newest first, with a bounded limit', async () => {
      const { outbox: store } = await backend.open();
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

  describe(`${backend.name}: session store`, () => {
    it('expires sessions, revokes one token or all of an operator, and purges expired rows', async () => {
      const { sessions } = await backend.open();
      const t0 = new Date('2026-11-23T10:00:00Z');
      const one = await sessions.issue('officer', 'duty-officer', 60_000, t0);
      const two = await sessions.issue('officer', 'duty-officer', 120_000, t0);
      const other = await sessions.issue('admin', 'administrator', 120_000, t0);
      expect(await sessions.find(two.token, new Date('2026-11-23T10:00:30Z'))).toEqual({ username: 'officer', role: 'duty-officer',
        createdAt: '2026-11-23T10:00:00.000Z', expiresAt: '2026-11-23T10:02:00.000Z' });
      expect(await sessions.find(`${two.token}x`, t0)).toBeUndefined();
      expect(await sessions.find(one.token, new Date('2026-11-23T10:01:00Z'))).toBeUndefined();
      expect(await sessions.purgeExpired(new Date('2026-11-23T10:01:00Z'))).toBe(1);
      expect(await sessions.revoke(other.token)).toBe(true);
      expect(await sessions.revoke(other.token)).toBe(false);
      expect(await sessions.revokeOperator('officer')).toBe(1);
      expect(await sessions.find(two.token, t0)).toBeUndefined();
    });
  });

  describe(`${backend.name}: pull cursors and held arrivals`, () => {
    it('keeps a pull cursor verbatim per party and refuses a non-timestamp', async () => {
      const { pullCursors } = await backend.open();
      expect(await pullCursors.get(b)).toBeUndefined();
      await pullCursors.set(b, '2026-03-01T10:00:00.123456Z', T);
      await pullCursors.set(b, '2026-03-01T10:00:01.000001Z', T);
      expect(await pullCursors.get(b)).toBe('2026-03-01T10:00:01.000001Z');
      await expect(pullCursors.set(c, 'yesterday', T)).rejects.toThrow(/not a timestamp/);
      expect(await pullCursors.get(c)).toBeUndefined();
    });

    it('holds early arrivals once, lists them by the message they wait for in creation order, and releases them', async () => {
      const { threadPending } = await backend.open();
      const [first, second, third] = threadOf(sender, [b], 3);
      const held = (m: typeof first, heldAt: string) => ({ messageId: m.id, messageModified: m.modified, threadId: m.thread_id,
        waitingFor: first.id, envelope: { message: m, evidence: [] }, heldAt });
      expect(await threadPending.hold(held(third, '2026-03-01T10:00:00.000Z'))).toBe(true);
      expect(await threadPending.hold(held(second, '2026-03-01T10:00:01.000Z'))).toBe(true);
      expect(await threadPending.hold(held(second, '2026-03-01T10:00:02.000Z'))).toBe(false);
      expect((await threadPending.waitingFor(first.id)).map((h) => h.messageId)).toEqual([second.id, third.id]);
      expect((await threadPending.list()).map((h) => h.messageId)).toEqual([third.id, second.id]);
      await threadPending.release(third.id, third.modified);
      expect((await threadPending.list()).map((h) => [h.messageId, h.heldAt])).toEqual([[second.id, '2026-03-01T10:00:01.000Z']]);
      expect(await threadPending.waitingFor(second.id)).toEqual([]);
    });
  });
}
