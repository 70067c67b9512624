import { canonicalize } from '../../ledger/canonical-json.ts';
import { ParleyError } from '../../errors.ts';
import { parseAgreement, type Agreement } from '../../hotline/agreement.ts';
import type { Deadline, DeadlineState } from '../../hotline/deadlines.ts';
import { parseMessage, type Message } from '../../hotline/message.ts';
import { parseParty, type Party } from '../../hotline/party.ts';
import type { ClockState } from '../../hotline/regulatory-clocks.ts';
import { signedContent } from '../../hotline/signature.ts';
import type { HotlineStore, HotlineStoreOptions, MessageDirection, MessageListQuery, StoredMessage, StoredRegulatoryClock } from '../hotline-store.ts';
import type { SqliteDatabase } from './database.ts';
import { SqliteOperatorAccounts } from './sqlite-operator-accounts.ts';

export { hotlineMigrations } from './hotline-migrations.ts';

/** Millisecond ISO form, so that equal instants compare equal and text order is time order. */
function instant(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new ParleyError('BAD_REQUEST', `"${timestamp}" is not a timestamp`);
  return new Date(ms).toISOString();
}

const DEADLINE_STATES: readonly DeadlineState[] = ['open', 'acknowledged', 'answered', 'overdue', 'closed'];
const CLOCK_STATES: readonly ClockState[] = ['open', 'met', 'overdue'];

function assertDeadline(d: Deadline): void {
  if (!DEADLINE_STATES.includes(d.state)) throw new ParleyError('BAD_REQUEST', `deadline state must be one of ${DEADLINE_STATES.join(', ')}`);
  if (!d.messageId || !d.owedBy || !d.threadId || !Array.isArray(d.escalations)) throw new ParleyError('BAD_REQUEST', 'a deadline needs messageId, owedBy, threadId and escalations');
  for (const t of [d.acknowledgeBy, d.respondBy, d.acknowledgedAt, d.answeredAt, d.closedAt]) if (t !== undefined) instant(t);
}

function assertClock(c: StoredRegulatoryClock): void {
  if (!CLOCK_STATES.includes(c.state)) throw new ParleyError('BAD_REQUEST', `clock state must be one of ${CLOCK_STATES.join(', ')}`);
  if (!c.messageId || !c.obligation) throw new ParleyError('BAD_REQUEST', 'a regulatory clock needs messageId and obligation');
  for (const t of [c.startsAt, c.due, c.metAt, c.escalatedAt]) if (t !== undefined) instant(t);
}

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

/** The hotline store on SQLite; the caller opens the database and runs `hotlineMigrations` first. */
export class SqliteHotlineStore extends SqliteOperatorAccounts implements HotlineStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase, options: HotlineStoreOptions = {}) {
    super(db, Object.freeze({ ...options }));
    this.#db = db;
  }

  async putParty(value: Party, options: { own: boolean }): Promise<void> {
    const party = parseParty(value);
    const write = this.#db.transaction(() => {
      const own = this.#db.prepare<[], { id: string }>('SELECT id FROM hotline_parties WHERE own = 1').get();
      if (options.own && own && own.id !== party.id) throw new ParleyError('CONFLICT', `this node's own party is already ${own.id}`);
      const stored = this.#db.prepare<[string], { modified: string }>('SELECT modified FROM hotline_parties WHERE id = ?').get(party.id);
      if (stored && stored.modified > instant(party.modified)) return;
      this.#db
        .prepare('INSERT INTO hotline_parties (id, own, modified, json) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET own = excluded.own, modified = excluded.modified, json = excluded.json')
        .run(party.id, options.own ? 1 : 0, instant(party.modified), JSON.stringify(party));
    });
    write.immediate();
  }

  async getParty(id: string): Promise<Party | undefined> {
    const row = this.#db.prepare<[string], { json: string }>('SELECT json FROM hotline_parties WHERE id = ?').get(id);
    return row && (JSON.parse(row.json) as Party);
  }

  async getOwnParty(): Promise<Party | undefined> {
    const row = this.#db.prepare<[], { json: string }>('SELECT json FROM hotline_parties WHERE own = 1').get();
    return row && (JSON.parse(row.json) as Party);
  }

  async listParties(): Promise<{ party: Party; own: boolean }[]> {
    return this.#db
      .prepare<[], { json: string; own: number }>('SELECT json, own FROM hotline_parties ORDER BY own DESC, id')
      .all()
      .map((row) => ({ party: JSON.parse(row.json) as Party, own: row.own === 1 }));
  }

  async putAgreementVersion(value: Agreement): Promise<void> {
    const agreement = parseAgreement(value);
    const write = this.#db.transaction(() => {
      const stored = this.#db.prepare<[string, number], { json: string }>('SELECT json FROM hotline_agreements WHERE id = ? AND version = ?').get(agreement.id, agreement.version);
      // A version is immutable once proposed; only its signatures may grow.
      if (stored && canonicalize(signedContent(JSON.parse(stored.json) as Agreement)) !== canonicalize(signedContent(agreement))) {
        throw new ParleyError('CONFLICT', `agreement ${agreement.id} version ${agreement.version} is stored with different content`);
      }
      const previous = this.#db.prepare<[string, number], { modified: string }>('SELECT modified FROM hotline_agreements WHERE id = ? AND version < ? ORDER BY version DESC LIMIT 1').get(agreement.id, agreement.version);
      if (previous && previous.modified >= instant(agreement.modified)) {
        throw new ParleyError('CONFLICT', `agreement ${agreement.id} version ${agreement.version} must be modified after version ${agreement.version - 1}`);
      }
      this.#db
        .prepare('INSERT INTO hotline_agreements (id, version, modified, json) VALUES (?, ?, ?, ?) ON CONFLICT (id, version) DO UPDATE SET json = excluded.json')
        .run(agreement.id, agreement.version, instant(agreement.modified), JSON.stringify(agreement));
    });
    write.immediate();
  }

  async getAgreementVersions(id: string): Promise<Agreement[]> {
    return this.#db
      .prepare<[string], { json: string }>('SELECT json FROM hotline_agreements WHERE id = ? ORDER BY version')
      .all(id)
      .map((row) => JSON.parse(row.json) as Agreement);
  }

  async listAgreements(): Promise<Agreement[]> {
    return this.#db
      .prepare<[], { json: string }>('SELECT json FROM hotline_agreements a WHERE version = (SELECT max(version) FROM hotline_agreements b WHERE b.id = a.id) ORDER BY id')
      .all()
      .map((row) => JSON.parse(row.json) as Agreement);
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

  async putDeadline(deadline: Deadline): Promise<void> {
    assertDeadline(deadline);
    this.#db
      .prepare(
        `INSERT INTO hotline_deadlines (message_id, owed_by, thread_id, state, acknowledge_by, json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (message_id, owed_by) DO UPDATE SET state = excluded.state, json = excluded.json`,
      )
      .run(deadline.messageId, deadline.owedBy, deadline.threadId, deadline.state, instant(deadline.acknowledgeBy), JSON.stringify(deadline));
  }

  async getDeadline(messageId: string, owedBy: string): Promise<Deadline | undefined> {
    const row = this.#db.prepare<[string, string], { json: string }>('SELECT json FROM hotline_deadlines WHERE message_id = ? AND owed_by = ?').get(messageId, owedBy);
    return row && (JSON.parse(row.json) as Deadline);
  }

  async listDeadlines(filter: { states?: readonly DeadlineState[]; threadId?: string } = {}): Promise<Deadline[]> {
    const states = JSON.stringify(filter.states ?? null);
    return this.#db
      .prepare<[string, string, string | null, string | null], { json: string }>(
        `SELECT json FROM hotline_deadlines
         WHERE (? = 'null' OR state IN (SELECT value FROM json_each(?))) AND (? IS NULL OR thread_id = ?)
         ORDER BY acknowledge_by, message_id, owed_by`,
      )
      .all(states, states, filter.threadId ?? null, filter.threadId ?? null)
      .map((row) => JSON.parse(row.json) as Deadline);
  }

  async putRegulatoryClocks(clocks: readonly StoredRegulatoryClock[]): Promise<void> {
    const upsert = this.#db.prepare(
      `INSERT INTO hotline_regulatory_clocks (message_id, obligation, state, due, json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (message_id, obligation) DO UPDATE SET state = excluded.state, due = excluded.due, json = excluded.json`,
    );
    for (const c of clocks) assertClock(c);
    this.#db.transaction(() => {
      for (const c of clocks) upsert.run(c.messageId, c.obligation, c.state, instant(c.due), JSON.stringify(c));
    })();
  }

  async listRegulatoryClocks(filter: { messageId?: string; states?: readonly ClockState[] } = {}): Promise<StoredRegulatoryClock[]> {
    const states = JSON.stringify(filter.states ?? null);
    return this.#db
      .prepare<[string | null, string | null, string, string], { json: string }>(
        `SELECT json FROM hotline_regulatory_clocks
         WHERE (? IS NULL OR message_id = ?) AND (? = 'null' OR state IN (SELECT value FROM json_each(?)))
         ORDER BY due, message_id, obligation`,
      )
      .all(filter.messageId ?? null, filter.messageId ?? null, states, states)
      .map((row) => JSON.parse(row.json) as StoredRegulatoryClock);
  }
}
