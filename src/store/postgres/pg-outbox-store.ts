import { ParleyError } from '../../errors.ts';
import type { TransportReceipt } from '../../federation/delivery-transport.ts';
import type { Delivery, DeliveryFilter, DeliveryState, DueOptions, EnqueueRequest, OutboxEnvelope, OutboxStore } from '../outbox-store.ts';
import { instant } from '../sqlite/instant.ts';
import type { PgExecutor } from './pg-executor.ts';

interface DeliveryRow {
  seq: number; message_id: string; message_modified: string; thread_id: string; recipient: string; state: DeliveryState;
  enqueued_at: string; attempts: number; last_error: string | null; next_attempt_at: string | null;
  delivered_at: string | null; receipt: string | null; reject_code: string | null; reject_reason: string | null;
  settled_at: string | null;
}

// An earlier delivery of the same thread to the same recipient that is still pending.
const EARLIER_PENDING = `SELECT 1 FROM outbox_deliveries e WHERE e.recipient = d.recipient
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
 * The outbox on PostgreSQL (tables of `pgOutboxMigrations`). As on SQLite, every state change is one UPDATE guarded
 * by the states it may leave, so a late outcome never overwrites a final one. (Which instance works which delivery
 * is phase 2: leases.)
 */
export class PgOutboxStore implements OutboxStore {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  enqueue(request: EnqueueRequest): Promise<Delivery[]> {
    const { message } = request.envelope;
    const modified = instant(message.modified);
    const enqueuedAt = instant(request.enqueuedAt);
    const body = JSON.stringify(request.envelope);
    return this.#db.transaction(async () => {
      const added: Delivery[] = [];
      for (const recipient of new Set(request.recipients)) {
        const row = await this.#db.row<DeliveryRow>(`INSERT INTO outbox_deliveries (message_id, message_modified, thread_id, recipient,
          envelope, state, enqueued_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, 'queued', $6, $6) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [message.id, modified, message.thread_id, recipient, body, enqueuedAt]);
        if (row) added.push(toDelivery(row));
      }
      return added;
    });
  }

  async due(now: string, limit: number, options: DueOptions = {}): Promise<Delivery[]> {
    const taken: Delivery[] = [];
    const perRecipient = new Map<string, number>();
    const chunk = Math.max(limit * 4, 64);
    let after = 0;
    // Reads in seq order, a chunk at a time, until enough are taken (per-recipient caps may skip rows).
    for (;;) {
      const rows = await this.#db.rows<DeliveryRow>(`SELECT ${COLUMNS} FROM outbox_deliveries d
        WHERE d.state IN ('queued', 'failing') AND d.next_attempt_at <= $1 AND d.seq > $2
          AND NOT (d.seq = ANY($3::bigint[])) AND NOT (d.recipient = ANY($4::text[])) AND NOT EXISTS (${EARLIER_PENDING})
        ORDER BY d.seq LIMIT $5`, [instant(now), after, options.excludeSeqs ?? [], options.excludeRecipients ?? [], chunk]);
      for (const row of rows) {
        if (taken.length >= limit) return taken;
        const n = perRecipient.get(row.recipient) ?? 0;
        if (n >= (options.perRecipient ?? limit)) continue;
        perRecipient.set(row.recipient, n + 1);
        taken.push(toDelivery(row));
      }
      if (rows.length < chunk || taken.length >= limit) return taken;
      after = rows[rows.length - 1]!.seq;
    }
  }

  async nextAttemptAt(exclude: { seqs?: readonly number[]; recipients?: readonly string[] } = {}): Promise<string | undefined> {
    const row = await this.#db.row<{ at: string }>(`SELECT d.next_attempt_at AS at FROM outbox_deliveries d
      WHERE d.state IN ('queued', 'failing') AND NOT (d.seq = ANY($1::bigint[])) AND NOT (d.recipient = ANY($2::text[]))
        AND NOT EXISTS (${EARLIER_PENDING})
      ORDER BY d.next_attempt_at LIMIT 1`, [exclude.seqs ?? [], exclude.recipients ?? []]);
    return row?.at ?? undefined;
  }

  async envelope(seq: number): Promise<OutboxEnvelope> {
    const row = await this.#db.row<{ envelope: string }>('SELECT envelope FROM outbox_deliveries WHERE seq = $1', [seq]);
    if (row === undefined) throw new ParleyError('NOT_FOUND', `no delivery ${seq} in the outbox`);
    return JSON.parse(row.envelope) as OutboxEnvelope;
  }

  async get(seq: number): Promise<Delivery | undefined> {
    const row = await this.#db.row<DeliveryRow>(`SELECT ${COLUMNS} FROM outbox_deliveries WHERE seq = $1`, [seq]);
    return row && toDelivery(row);
  }

  async find(messageId: string, messageModified: string, recipient: string): Promise<Delivery | undefined> {
    const row = await this.#db.row<DeliveryRow>(`SELECT ${COLUMNS} FROM outbox_deliveries WHERE message_id = $1 AND message_modified = $2 AND recipient = $3`,
      [messageId, instant(messageModified), recipient]);
    return row && toDelivery(row);
  }

  async list(filter: DeliveryFilter = {}): Promise<Delivery[]> {
    const limit = filter.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw new ParleyError('BAD_REQUEST', 'limit must be between 1 and 10000');
    return (await this.#db.rows<DeliveryRow>(`SELECT ${COLUMNS} FROM outbox_deliveries WHERE ($1::text IS NULL OR state = $1)
      AND ($2::text IS NULL OR recipient = $2) AND ($3::text IS NULL OR message_id = $3) ORDER BY seq DESC LIMIT $4`,
    [filter.state ?? null, filter.recipient ?? null, filter.messageId ?? null, limit])).map(toDelivery);
  }

  async markDelivered(seq: number, receipt: TransportReceipt, at: string): Promise<void> {
    await this.#db.run(`UPDATE outbox_deliveries SET state = 'delivered', receipt = $1, delivered_at = $2, next_attempt_at = NULL,
      attempts = attempts + (CASE WHEN state = 'published' THEN 0 ELSE 1 END) WHERE seq = $3 AND state NOT IN ('delivered', 'rejected')`,
    [JSON.stringify(receipt), instant(at), seq]);
  }

  async retryNow(at: string, recipient?: string): Promise<number> {
    return this.#db.run(`UPDATE outbox_deliveries SET next_attempt_at = $1
      WHERE state = 'failing' AND next_attempt_at > $1 AND ($2::text IS NULL OR recipient = $2)`, [instant(at), recipient ?? null]);
  }

  async markFailing(seq: number, error: string, nextAttemptAt: string): Promise<void> {
    await this.#db.run(`UPDATE outbox_deliveries SET state = 'failing', attempts = attempts + 1, last_error = $1, next_attempt_at = $2
      WHERE seq = $3 AND state IN ('queued', 'failing')`, [error, instant(nextAttemptAt), seq]);
  }

  async markGivenUp(seq: number, error: string, at: string): Promise<void> {
    await this.#db.run(`UPDATE outbox_deliveries SET state = 'given-up', attempts = attempts + 1, last_error = $1, settled_at = $2,
      next_attempt_at = NULL WHERE seq = $3 AND state IN ('queued', 'failing')`, [error, instant(at), seq]);
  }

  async markRejected(seq: number, code: string, reason: string, at: string): Promise<void> {
    await this.#db.run(`UPDATE outbox_deliveries SET state = 'rejected', attempts = attempts + 1, reject_code = $1, reject_reason = $2,
      settled_at = $3, next_attempt_at = NULL WHERE seq = $4 AND state IN ('queued', 'failing', 'published')`, [code, reason, instant(at), seq]);
  }

  async markPublished(seq: number, at: string): Promise<void> {
    await this.#db.run(`UPDATE outbox_deliveries SET state = 'published', attempts = attempts + 1, settled_at = $1,
      next_attempt_at = NULL WHERE seq = $2 AND state IN ('queued', 'failing')`, [instant(at), seq]);
  }
}
