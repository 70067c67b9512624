import { describe, expect, it } from 'vitest';
import type { Message } from '../hotline/message.ts';
import type { EnqueueRequest, OutboxStore } from '../store/outbox-store.ts';
import { openSqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { SqliteOutboxStore, outboxMigrations } from '../store/sqlite/sqlite-outbox-store.ts';
import { OutboxQueue } from './outbox-queue.ts';

// A real SQLite outbox store whose calls are counted.
function countedStore() {
  const db = openSqliteDatabase(':memory:');
  migrate(db, [outboxMigrations]);
  const real = new SqliteOutboxStore(db);
  const calls = { enqueue: 0, enqueueAll: 0, envelope: 0 };
  const store: OutboxStore = Object.assign(Object.create(real) as OutboxStore, {
    enqueue: (r: EnqueueRequest) => { calls.enqueue++; return real.enqueue(r); },
    enqueueAll: (rs: readonly EnqueueRequest[]) => { calls.enqueueAll++; return real.enqueueAll(rs); },
    envelope: (seq: number) => { calls.envelope++; return real.envelope(seq); },
  });
  return { real, store, calls };
}

const request = (n: number, recipients = ['identity--b']): EnqueueRequest => ({
  envelope: { message: { type: 'x-parley-message', id: `x-parley-message--${n}`, modified: '2026-11-23T10:00:00.000Z', thread_id: `t${n}` } as unknown as Message, evidence: [] },
  recipients, enqueuedAt: '2026-11-23T10:00:00.000Z',
});

describe('OutboxQueue', () => {
  it('writes the enqueues of one turn together and serves their envelopes from memory until settled', async () => {
    const { real, store, calls } = countedStore();
    const queue = new OutboxQueue(store);
    await Promise.all([queue.enqueue(request(1)), queue.enqueue(request(2, ['identity--b', 'identity--c'])), queue.enqueue(request(3))]);
    expect(calls).toMatchObject({ enqueueAll: 1, enqueue: 0 });
    const rows = await real.list();
    expect(rows).toHaveLength(4);
    for (const d of rows) expect((await queue.envelope(d.seq)).message.id).toBe(d.messageId);
    expect(calls.envelope).toBe(0);
    queue.settled(rows[0]!.seq);
    expect((await queue.envelope(rows[0]!.seq)).message.id).toBe(rows[0]!.messageId);
    expect(calls.envelope).toBe(1);
  });

  it('falls back to one write per request when the grouped write fails, so each request gets its own outcome', async () => {
    const { store, calls } = countedStore();
    const failing = Object.assign(Object.create(store) as OutboxStore, {
      enqueueAll: async () => { calls.enqueueAll++; throw new Error('disk full'); },
      enqueue: async (r: EnqueueRequest) => {
        calls.enqueue++;
        if (r.recipients.length === 0) throw new Error('no recipient');
        return store.enqueue(r);
      },
    });
    const queue = new OutboxQueue(failing);
    const outcomes = await Promise.allSettled([queue.enqueue(request(1)), queue.enqueue(request(2, []))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(calls.enqueueAll).toBe(1);
  });
});
