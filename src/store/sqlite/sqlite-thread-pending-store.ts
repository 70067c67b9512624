import { ParleyError } from '../../errors.ts';
import type { HeldEnvelope, ThreadPendingStore } from '../thread-pending-store.ts';
import type { OutboxEnvelope } from '../outbox-store.ts';
import type { SqliteDatabase } from './database.ts';
import { instant } from './instant.ts';

interface Row { message_id: string; message_modified: string; thread_id: string; waiting_for: string; envelope: string; held_at: string }

const toHeld = (r: Row): HeldEnvelope => ({
  messageId: r.message_id, messageModified: r.message_modified, threadId: r.thread_id, waitingFor: r.waiting_for,
  envelope: JSON.parse(r.envelope) as OutboxEnvelope, heldAt: r.held_at,
});

/** Held early arrivals on SQLite (the `federation_pending` table of `outboxMigrations`); takes an open handle. */
export class SqliteThreadPendingStore implements ThreadPendingStore {
  readonly #stmts;

  constructor(db: SqliteDatabase) {
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'federation_pending'`).get() as { n: number };
    if (tables.n === 0) throw new ParleyError('INTERNAL', 'the federation tables do not exist: run migrate(db, [outboxMigrations]) first');
    this.#stmts = {
      hold: db.prepare(`INSERT INTO federation_pending (message_id, message_modified, thread_id, waiting_for, envelope, held_at, arrival)
        VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(arrival), 0) + 1 FROM federation_pending)) ON CONFLICT DO NOTHING`),
      // created is text in one millisecond format (the schema requires it), so text order is time order.
      waiting: db.prepare<[string], Row>(`SELECT * FROM federation_pending WHERE waiting_for = ?
        ORDER BY json_extract(envelope, '$.message.created'), arrival`),
      release: db.prepare('DELETE FROM federation_pending WHERE message_id = ? AND message_modified = ?'),
      list: db.prepare<[], Row>('SELECT * FROM federation_pending ORDER BY arrival'),
    };
  }

  async hold(entry: HeldEnvelope): Promise<boolean> {
    const result = this.#stmts.hold.run(entry.messageId, instant(entry.messageModified), entry.threadId, entry.waitingFor,
      JSON.stringify(entry.envelope), instant(entry.heldAt));
    return result.changes === 1;
  }

  async waitingFor(messageId: string): Promise<HeldEnvelope[]> {
    return this.#stmts.waiting.all(messageId).map(toHeld);
  }

  async release(messageId: string, messageModified: string): Promise<void> {
    this.#stmts.release.run(messageId, instant(messageModified));
  }

  async list(): Promise<HeldEnvelope[]> {
    return this.#stmts.list.all().map(toHeld);
  }
}
