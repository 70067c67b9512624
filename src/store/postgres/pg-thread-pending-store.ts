import type { OutboxEnvelope } from '../outbox-store.ts';
import { instant } from '../sqlite/instant.ts';
import type { HeldEnvelope, ThreadPendingStore } from '../thread-pending-store.ts';
import type { PgExecutor } from './pg-executor.ts';

interface HeldRow { message_id: string; message_modified: string; thread_id: string; waiting_for: string; envelope: string; held_at: string }

const toHeld = (r: HeldRow): HeldEnvelope => ({
  messageId: r.message_id, messageModified: r.message_modified, threadId: r.thread_id, waitingFor: r.waiting_for,
  envelope: JSON.parse(r.envelope) as OutboxEnvelope, heldAt: r.held_at,
});

/** Held early arrivals on PostgreSQL (`federation_pending`); arrival order is an identity column. */
export class PgThreadPendingStore implements ThreadPendingStore {
  constructor(private readonly db: PgExecutor) {}

  async hold(entry: HeldEnvelope): Promise<boolean> {
    return (await this.db.run(`INSERT INTO federation_pending (message_id, message_modified, thread_id, waiting_for, envelope, held_at)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, [entry.messageId, instant(entry.messageModified), entry.threadId,
      entry.waitingFor, JSON.stringify(entry.envelope), instant(entry.heldAt)])) === 1;
  }

  async waitingFor(messageId: string): Promise<HeldEnvelope[]> {
    // created is text in one millisecond format (the schema requires it), so text order is time order.
    return (await this.db.rows<HeldRow>(`SELECT * FROM federation_pending WHERE waiting_for = $1
      ORDER BY (envelope::jsonb #>> '{message,created}') COLLATE "C", arrival`, [messageId])).map(toHeld);
  }

  async release(messageId: string, messageModified: string): Promise<void> {
    await this.db.run('DELETE FROM federation_pending WHERE message_id = $1 AND message_modified = $2', [messageId, instant(messageModified)]);
  }

  async list(): Promise<HeldEnvelope[]> {
    return (await this.db.rows<HeldRow>('SELECT * FROM federation_pending ORDER BY arrival')).map(toHeld);
  }
}
