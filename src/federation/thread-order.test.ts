import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMessage, type Message } from '../hotline/message.ts';
import { testParty } from '../hotline/test-fixtures.ts';
import { openSqliteDatabase, type SqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { outboxMigrations } from '../store/sqlite/outbox-migrations.ts';
import { SqliteThreadPendingStore } from '../store/sqlite/sqlite-thread-pending-store.ts';
import type { OutboxEnvelope } from '../store/outbox-store.ts';
import { threadOf } from './test-counterpart.ts';
import { ThreadOrder } from './thread-order.ts';

const a = testParty('CERT-A');
const b = testParty('CERT-B');
const env = (message: Message): OutboxEnvelope => ({ message, evidence: [] });

// A deterministic shuffle so a failure can be replayed.
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('ThreadOrder over SQLite', () => {
  let dir: string;
  let db: SqliteDatabase;
  let order: ThreadOrder;
  let applied: string[];

  // The receiving node's message table, as the incoming pipeline would fill it.
  const apply = async (e: OutboxEnvelope): Promise<'stored' | 'duplicate'> => {
    const r = db.prepare('INSERT INTO received (id, modified) VALUES (?, ?) ON CONFLICT DO NOTHING').run(e.message.id, e.message.modified);
    if (r.changes === 1) applied.push(e.message.id);
    return r.changes === 1 ? 'stored' : 'duplicate';
  };
  const open = () => {
    db = openSqliteDatabase(join(dir, 'node.db'));
    migrate(db, [outboxMigrations]);
    db.exec('CREATE TABLE IF NOT EXISTS received (id TEXT NOT NULL, modified TEXT NOT NULL, PRIMARY KEY (id, modified))');
    order = new ThreadOrder({
      pending: new SqliteThreadPendingStore(db),
      isPresent: async (id) => db.prepare('SELECT 1 FROM received WHERE id = ?').get(id) !== undefined,
    });
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-order-'));
    applied = [];
    open();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a thread arriving in reverse in the order it was sent', async () => {
    const thread = threadOf(a, [b.party.id], 5);
    const results = [];
    for (const m of [...thread].reverse()) results.push(await order.offer(env(m), apply));
    expect(results.slice(0, 4).map((r) => r.status)).toEqual(['held', 'held', 'held', 'held']);
    expect(results[0]).toEqual({ status: 'held', waitingFor: thread[3].id });
    const last = results[4];
    expect(last.status === 'applied' && last.released.map((r) => r.envelope.message.id)).toEqual(thread.slice(1).map((m) => m.id));
    expect(applied).toEqual(thread.map((m) => m.id));
    expect(await order.held()).toEqual([]);
  });

  it('applies every permutation of arrival in sending order, offered one by one or all at once', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const thread = threadOf(a, [b.party.id], 6);
      applied = [];
      const arrival = shuffled(thread, seed);
      if (seed % 2 === 0) await Promise.all(arrival.map((m) => order.offer(env(m), apply)));
      else for (const m of arrival) await order.offer(env(m), apply);
      expect(applied).toEqual(thread.map((m) => m.id));
    }
    expect(await order.held()).toEqual([]);
  });

  it('releases siblings answering one message in the order they were created, and duplicates are harmless', async () => {
    const [root] = threadOf(a, [b.party.id], 1);
    const reply = (at: string, subject: string) => buildMessage({ kind: 'response', senderRef: b.party.id, recipientRefs: [a.party.id],
      agreementRef: root.agreement_ref, priority: 'routine', lang: 'en', subject, body: subject, tlp: 'amber', replyTo: root,
      details: { findings: subject }, at: Date.parse(at) });
    const later = reply('2026-03-01T12:00:00.000Z', 'later');
    const earlier = reply('2026-03-01T11:00:00.000Z', 'earlier');
    expect((await order.offer(env(later), apply)).status).toBe('held');
    expect((await order.offer(env(earlier), apply)).status).toBe('held');
    expect((await order.offer(env(earlier), apply)).status).toBe('held');
    expect((await order.held()).length).toBe(2);
    await order.offer(env(root), apply);
    expect(applied).toEqual([root.id, earlier.id, later.id]);
  });

  it('keeps early arrivals across a restart and releases them when the predecessor comes', async () => {
    const thread = threadOf(a, [b.party.id], 3);
    await order.offer(env(thread[2]), apply);
    await order.offer(env(thread[1]), apply);
    db.close();
    open();
    expect((await order.held()).map((h) => h.messageId)).toEqual([thread[2].id, thread[1].id]);
    await order.offer(env(thread[0]), apply);
    expect(applied).toEqual(thread.map((m) => m.id));
  });

  it('leaves the successors of a rejected message held, visible to the operator', async () => {
    const thread = threadOf(a, [b.party.id], 3);
    await order.offer(env(thread[2]), apply);
    await order.offer(env(thread[1]), apply);
    const rejectFirst = async (e: OutboxEnvelope) => (e.message.id === thread[0].id ? 'rejected' : apply(e));
    const result = await order.offer(env(thread[0]), rejectFirst);
    expect(result).toEqual({ status: 'applied', outcome: 'rejected', released: [] });
    expect((await order.held()).map((h) => h.waitingFor)).toEqual([thread[1].id, thread[0].id]);
  });

  it('resumes held messages whose predecessor became present without releasing them (a crash in between)', async () => {
    const thread = threadOf(a, [b.party.id], 3);
    await order.offer(env(thread[1]), apply);
    await order.offer(env(thread[2]), apply);
    await apply(env(thread[0])); // applied, then the process died before releasing
    applied = [];
    const released = await order.resume(apply);
    expect(released.map((r) => r.envelope.message.id)).toEqual([thread[1].id, thread[2].id]);
    expect(applied).toEqual([thread[1].id, thread[2].id]);
    expect(await order.held()).toEqual([]);
  });
});
