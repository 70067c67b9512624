import { ParleyError } from '../../errors.ts';
import type { TransportReceipt } from '../../federation/delivery-transport.ts';
import type { Delivery, DeliveryFilter, DeliveryState, DueOptions, EnqueueRequest, OutboxEnvelope, OutboxStore } from '../outbox-store.ts';
import type { SqliteDatabase } from './database.ts';
import { instant } from './instant.ts';

export { outboxMigrations } from './outbox-migrations.ts';

interface DeliveryRow {
  seq: number; message_id: string; message_modified: string; thread_id: string; recipient: string; state: DeliveryState;
  enqueued_at: string; attempts: number; last_error: string | null; next_attempt_at: string | null;
  delivered_at: string | null; receipt: string | null; reject_code: string | null; reject_reason: string | null;
  settled_at: string | null;
}

// An earlier delivery of the same thread to the same recipient that is still pending.
const EARLIER_PENDING = `SELECT 1 FROM outbox_deliveries e INDEXED BY outbox_pending_thread WHERE e.recipient = d.recipient
  AND e.thread_id = d.thread_id AND e.seq < d.seq AND e.state IN ('queued', 'failing')`;

const COLUMNS = `seq, message_id, message_modified, thread_id, recipient, state, enqueued_at, attempts, last_error,
  next_attempt_at, delivered_at, receipt, reject_code, reject_reason, settled_at`;

function toDelivery(row: DeliveryRow): Delivery {
  const d: Delivery = {
    seq: row.seq, messageId: row.message_id, messageModified: row.message_modified, threadId: row.thread_id,
    recipient: row.recipient, state: row.state, enqueuedAt: row.enqueued_at, attempts: row.attempts,
  };
  if (row.last_error !== null) d.lastError = row.last_error;
  if (row.next_attempt_at !== null) d.nextAttemptAt = row.next_attempt_at;
  if (row.delivered_at !== null) d.deliveredAt = row.delivered_at;
  if (row.receipt !== null) d.receipt = JSON.parse(row.receipt) as TransportReceipt;
  if (row.reject_code !== null) d.rejectCode = row.reject_code;
  if (row.reject_reason !== null) d.rejectReason = row.reject_reason;
  if (row.settled_at !== null) d.settledAt = row.settled_at;
  return d;
}

/**
 * The outbox on SQLite. Takes an open handle on which `outboxMigrations` has run; never opens files. Every state
 * change is a single UPDATE guarded by the states it may leave, so a late outcome never overwrites a final one.
 */
export class SqliteOutboxStore implements OutboxStore {
  readonly #db: SqliteDatabase;
  readonly #stmts;
  // Made once: better-sqlite3 builds a wrapper for each transaction function, per message a cost of its own.
  readonly #insertAll: (requests: readonly EnqueueRequest[]) => Delivery[][];
  readonly #deliveredAll: (delivered: readonly { seq: number; receipt: TransportReceipt }[], at: string) => void;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'outbox_deliveries'`).get() as { n: number };
    if (tables.n === 0) throw new ParleyError('INTERNAL', 'the outbox tables do not exist: run migrate(db, [outboxMigrations]) first');
    this.#stmts = {
      insert: db.prepare(`INSERT INTO outbox_deliveries (message_id, message_modified, thread_id, recipient, envelope, state,
        enqueued_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`),
      // A thread's deliveries to one recipient go out in enqueue order: one waits while an earlier one is pending.
      // Each recipient's due deliveries are read on their own, in seq order, and the reader stops at the cap: with a
      // deep queue for one counterpart, scanning the whole queue (once per attempt) was the outbox's largest cost.
      pendingRecipients: db.prepare<[], { recipient: string }>(
        `SELECT DISTINCT recipient FROM outbox_deliveries INDEXED BY outbox_pending_recipient WHERE state IN ('queued', 'failing')`),
      dueFor: db.prepare<{ recipient: string; now: string; seqs: string }, DeliveryRow>(
        `SELECT ${COLUMNS} FROM outbox_deliveries d INDEXED BY outbox_pending_recipient
         WHERE d.recipient = @recipient AND d.state IN ('queued', 'failing') AND d.next_attempt_at <= @now
           AND d.seq NOT IN (SELECT value FROM json_each(@seqs)) AND NOT EXISTS (${EARLIER_PENDING})
         ORDER BY d.seq`),
      nextAt: db.prepare<[string, string], { at: string }>(`SELECT d.next_attempt_at AS at FROM outbox_deliveries d INDEXED BY outbox_pending
        WHERE d.state IN ('queued', 'failing')
          AND d.seq NOT IN (SELECT value FROM json_each(?)) AND d.recipient NOT IN (SELECT value FROM json_each(?))
          AND NOT EXISTS (${EARLIER_PENDING})
        ORDER BY d.next_attempt_at LIMIT 1`),
      envelope: db.prepare<[number], { envelope: string }>('SELECT envelope FROM outbox_deliveries WHERE seq = ?'),
      get: db.prepare<[number], DeliveryRow>(`SELECT ${COLUMNS} FROM outbox_deliveries WHERE seq = ?`),
      find: db.prepare<[string, string, string], DeliveryRow>(
        `SELECT ${COLUMNS} FROM outbox_deliveries WHERE message_id = ? AND message_modified = ? AND recipient = ?`),
      list: db.prepare<{ recipient: string | null; messageId: string | null; limit: number }, DeliveryRow>(
        `SELECT ${COLUMNS} FROM outbox_deliveries WHERE (@recipient IS NULL OR recipient = @recipient)
          AND (@messageId IS NULL OR message_id = @messageId) ORDER BY seq DESC LIMIT @limit`),
      // One state: read through outbox_state, so a rare state (rejected, given-up) is not a scan of every delivery.
      listState: db.prepare<{ state: string; recipient: string | null; messageId: string | null; limit: number }, DeliveryRow>(
        `SELECT ${COLUMNS} FROM outbox_deliveries INDEXED BY outbox_state WHERE state = @state
          AND (@recipient IS NULL OR recipient = @recipient) AND (@messageId IS NULL OR message_id = @messageId)
          ORDER BY seq DESC LIMIT @limit`),
      delivered: db.prepare(`UPDATE outbox_deliveries SET state = 'delivered', receipt = ?, delivered_at = ?, next_attempt_at = NULL,
        attempts = attempts + (CASE WHEN state = 'published' THEN 0 ELSE 1 END) WHERE seq = ? AND state NOT IN ('delivered', 'rejected')`),
      failing: db.prepare(`UPDATE outbox_deliveries SET state = 'failing', attempts = attempts + 1, last_error = ?, next_attempt_at = ?
        WHERE seq = ? AND state IN ('queued', 'failing')`),
      givenUp: db.prepare(`UPDATE outbox_deliveries SET state = 'given-up', attempts = attempts + 1, last_error = ?, settled_at = ?,
        next_attempt_at = NULL WHERE seq = ? AND state IN ('queued', 'failing')`),
      rejected: db.prepare(`UPDATE outbox_deliveries SET state = 'rejected', attempts = attempts + 1, reject_code = ?, reject_reason = ?,
        settled_at = ?, next_attempt_at = NULL WHERE seq = ? AND state IN ('queued', 'failing', 'published')`),
      retryNow: db.prepare<{ at: string; recipient: string | null }>(`UPDATE outbox_deliveries SET next_attempt_at = @at
        WHERE state = 'failing' AND next_attempt_at > @at AND (@recipient IS NULL OR recipient = @recipient)`),
      published: db.prepare(`UPDATE outbox_deliveries SET state = 'published', attempts = attempts + 1, settled_at = ?,
        next_attempt_at = NULL WHERE seq = ? AND state IN ('queued', 'failing')`),
    };
    this.#insertAll = db.transaction((requests: readonly EnqueueRequest[]) => requests.map((r) => this.#insert(r)));
    this.#deliveredAll = db.transaction((delivered: readonly { seq: number; receipt: TransportReceipt }[], at: string) => {
      for (const { seq, receipt } of delivered) this.#stmts.delivered.run(JSON.stringify(receipt), at, seq);
    });
  }

  /**
   * Synchronous enqueue for callers inside a wider better-sqlite3 transaction (the sent message and its
   * deliveries committed together); idempotent per (message id + modified, recipient). Returns the new deliveries.
   */
  enqueueInTransaction(request: EnqueueRequest): Delivery[] {
    return this.#insertAll([request])[0]!;
  }

  // The rows of one request; the caller holds the transaction.
  #insert(request: EnqueueRequest): Delivery[] {
    const { message } = request.envelope;
    const modified = instant(message.modified);
    const enqueuedAt = instant(request.enqueuedAt);
    const body = JSON.stringify(request.envelope);
    return [...new Set(request.recipients)].flatMap((recipient) => {
      const row = this.#stmts.insert.get(message.id, modified, message.thread_id, recipient, body, enqueuedAt, enqueuedAt) as DeliveryRow | undefined;
      return row === undefined ? [] : [toDelivery(row)];
    });
  }

  async enqueue(request: EnqueueRequest): Promise<Delivery[]> {
    return this.enqueueInTransaction(request);
  }

  async enqueueAll(requests: readonly EnqueueRequest[]): Promise<Delivery[][]> {
    return this.#insertAll(requests);
  }

  async due(now: string, limit: number, options: DueOptions = {}): Promise<Delivery[]> {
    const at = instant(now);
    const seqs = JSON.stringify(options.excludeSeqs ?? []);
    const busy = new Set(options.excludeRecipients ?? []);
    const cap = Math.min(options.perRecipient ?? limit, limit);
    const taken: Delivery[] = [];
    for (const { recipient } of this.#stmts.pendingRecipients.all()) {
      if (busy.has(recipient)) continue;
      let n = 0;
      for (const row of this.#stmts.dueFor.iterate({ recipient, now: at, seqs })) {
        taken.push(toDelivery(row));
        if (++n >= cap) break; // ends the iteration, which resets the statement
      }
    }
    // Oldest first across recipients, as one queue.
    return taken.sort((x, y) => x.seq - y.seq).slice(0, limit);
  }

  async nextAttemptAt(exclude: { seqs?: readonly number[]; recipients?: readonly string[] } = {}): Promise<string | undefined> {
    return this.#stmts.nextAt.get(JSON.stringify(exclude.seqs ?? []), JSON.stringify(exclude.recipients ?? []))?.at ?? undefined;
  }

  async envelope(seq: number): Promise<OutboxEnvelope> {
    const row = this.#stmts.envelope.get(seq);
    if (row === undefined) throw new ParleyError('NOT_FOUND', `no delivery ${seq} in the outbox`);
    return JSON.parse(row.envelope) as OutboxEnvelope;
  }

  async get(seq: number): Promise<Delivery | undefined> {
    const row = this.#stmts.get.get(seq);
    return row && toDelivery(row);
  }

  async find(messageId: string, messageModified: string, recipient: string): Promise<Delivery | undefined> {
    const row = this.#stmts.find.get(messageId, instant(messageModified), recipient);
    return row && toDelivery(row);
  }

  async list(filter: DeliveryFilter = {}): Promise<Delivery[]> {
    const limit = filter.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw new ParleyError('BAD_REQUEST', 'limit must be between 1 and 10000');
    const where = { recipient: filter.recipient ?? null, messageId: filter.messageId ?? null, limit };
    const rows = filter.state === undefined ? this.#stmts.list.all(where) : this.#stmts.listState.all({ ...where, state: filter.state });
    return rows.map(toDelivery);
  }

  async markDelivered(seq: number, receipt: TransportReceipt, at: string): Promise<void> {
    this.#stmts.delivered.run(JSON.stringify(receipt), instant(at), seq);
  }

  async markDeliveredAll(delivered: readonly { seq: number; receipt: TransportReceipt }[], at: string): Promise<void> {
    this.#deliveredAll(delivered, instant(at));
  }

  async retryNow(at: string, recipient?: string): Promise<number> {
    return this.#stmts.retryNow.run({ at: instant(at), recipient: recipient ?? null }).changes;
  }

  async markFailing(seq: number, error: string, nextAttemptAt: string): Promise<void> {
    this.#stmts.failing.run(error, instant(nextAttemptAt), seq);
  }

  async markGivenUp(seq: number, error: string, at: string): Promise<void> {
    this.#stmts.givenUp.run(error, instant(at), seq);
  }

  async markRejected(seq: number, code: string, reason: string, at: string): Promise<void> {
    this.#stmts.rejected.run(code, reason, instant(at), seq);
  }

  async markPublished(seq: number, at: string): Promise<void> {
    this.#stmts.published.run(instant(at), seq);
  }
}
