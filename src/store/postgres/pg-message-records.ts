import { ParleyError } from '../../errors.ts';
import { parseMessage, type Message } from '../../hotline/message.ts';
import type { MessageDirection, MessageListQuery, StoredMessage } from '../hotline-store.ts';
import { instant } from '../sqlite/instant.ts';
import type { PgExecutor } from './pg-executor.ts';

interface MessageRow { seq: number; direction: MessageDirection; stored_at: string; json: string }

const toStored = (row: MessageRow): StoredMessage => ({
  message: JSON.parse(row.json) as Message, direction: row.direction, storedAt: row.stored_at, seq: row.seq,
});

/** Sent and received messages on PostgreSQL (the hotline store's message part). */
export class PgMessageRecords {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  async putMessage(value: Message, direction: MessageDirection, storedAt = new Date().toISOString()): Promise<StoredMessage> {
    const message = parseMessage(value);
    if (direction !== 'sent' && direction !== 'received') throw new ParleyError('BAD_REQUEST', `direction must be sent or received, not ${String(direction)}`);
    // The UNIQUE (id, modified) constraint decides, so two instances storing the same message cannot both succeed.
    const row = await this.#db.row<{ seq: number }>(
      `INSERT INTO hotline_messages (id, modified, created, thread_id, kind, direction, stored_at, json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id, modified) DO NOTHING RETURNING seq`,
      [message.id, instant(message.modified), instant(message.created), message.thread_id, message.kind, direction, instant(storedAt), JSON.stringify(message)]);
    if (!row) throw new ParleyError('REPLAY', `message ${message.id} (modified ${message.modified}) is already stored`);
    return { message, direction, storedAt: instant(storedAt), seq: row.seq };
  }

  async getMessage(id: string, modified?: string): Promise<StoredMessage | undefined> {
    const row = modified === undefined
      ? await this.#db.row<MessageRow>('SELECT seq, direction, stored_at, json FROM hotline_messages WHERE id = $1 ORDER BY modified DESC LIMIT 1', [id])
      : await this.#db.row<MessageRow>('SELECT seq, direction, stored_at, json FROM hotline_messages WHERE id = $1 AND modified = $2', [id, instant(modified)]);
    return row && toStored(row);
  }

  async hasMessage(id: string): Promise<boolean> {
    return (await this.#db.row('SELECT 1 FROM hotline_messages WHERE id = $1 LIMIT 1', [id])) !== undefined;
  }

  async listThread(threadId: string): Promise<StoredMessage[]> {
    return (await this.#db.rows<MessageRow>('SELECT seq, direction, stored_at, json FROM hotline_messages WHERE thread_id = $1 ORDER BY created, seq', [threadId]))
      .map(toStored);
  }

  async listMessages(query: MessageListQuery = {}): Promise<StoredMessage[]> {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 1000);
    return (await this.#db.rows<MessageRow>(`SELECT seq, direction, stored_at, json FROM hotline_messages
      WHERE ($1::text IS NULL OR direction = $1) AND seq < $2 ORDER BY seq DESC LIMIT $3`,
    [query.direction ?? null, query.beforeSeq ?? Number.MAX_SAFE_INTEGER, limit])).map(toStored);
  }
}
