import { ParleyError } from '../../errors.ts';
import { parseMessage, type Message } from '../../hotline/message.ts';
import type { MessageDirection, MessageListQuery, StoredMessage } from '../hotline-store.ts';
import type { SqliteDatabase } from './database.ts';
import { instant } from './instant.ts';

interface MessageRow {
  seq: number;
  direction: MessageDirection;
  stored_at: string;
  json: string;
}
const toStored = (row: MessageRow): StoredMessage => ({
  message: JSON.parse(row.json) as Message,
  direction: row.direction,
  storedAt: row.stored_at,
  seq: row.seq,
});

/** Sent and received messages on SQLite (the hotline store's message part). */
export class SqliteMessageRecords {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  async putMessage(value: Message, direction: MessageDirection, storedAt = new Date().toISOString()): Promise<StoredMessage> {
    const message = parseMessage(value);
    if (direction !== 'sent' && direction !== 'received') throw new ParleyError('BAD_REQUEST', `direction must be sent or received, not ${String(direction)}`);
    // The UNIQUE (id, modified) constraint decides, so two processes storing the same message cannot both succeed.
    const result = this.#db
      .prepare(
        `INSERT INTO hotline_messages (id, modified, created, thread_id, kind, direction, stored_at, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id, modified) DO NOTHING`,
      )
      .run(message.id, instant(message.modified), instant(message.created), message.thread_id, message.kind, direction, instant(storedAt), JSON.stringify(message));
    if (result.changes === 0) throw new ParleyError('REPLAY', `message ${message.id} (modified ${message.modified}) is already stored`);
    return { message, direction, storedAt: instant(storedAt), seq: Number(result.lastInsertRowid) };
  }

  async getMessage(id: string, modified?: string): Promise<StoredMessage | undefined> {
    const row =
      modified === undefined
        ? this.#db.prepare<[string], MessageRow>('SELECT seq, direction, stored_at, json FROM hotline_messages WHERE id = ? ORDER BY modified DESC LIMIT 1').get(id)
        : this.#db.prepare<[string, string], MessageRow>('SELECT seq, direction, stored_at, json FROM hotline_messages WHERE id = ? AND modified = ?').get(id, instant(modified));
    return row && toStored(row);
  }

  async hasMessage(id: string): Promise<boolean> {
    return this.#db.prepare('SELECT 1 FROM hotline_messages WHERE id = ? LIMIT 1').get(id) !== undefined;
  }

  async listThread(threadId: string): Promise<StoredMessage[]> {
    return this.#db
      .prepare<[string], MessageRow>('SELECT seq, direction, stored_at, json FROM hotline_messages WHERE thread_id = ? ORDER BY created, seq')
      .all(threadId)
      .map(toStored);
  }

  async listMessages(query: MessageListQuery = {}): Promise<StoredMessage[]> {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 1000);
    return this.#db
      .prepare<[string | null, string | null, number, number], MessageRow>(
        `SELECT seq, direction, stored_at, json FROM hotline_messages
         WHERE (? IS NULL OR direction = ?) AND seq < ? ORDER BY seq DESC LIMIT ?`,
      )
      .all(query.direction ?? null, query.direction ?? null, query.beforeSeq ?? Number.MAX_SAFE_INTEGER, limit)
      .map(toStored);
  }
}
