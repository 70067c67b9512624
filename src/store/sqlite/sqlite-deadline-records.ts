import { ParleyError } from '../../errors.ts';
import type { Deadline, DeadlineState } from '../../hotline/deadlines.ts';
import type { ClockState } from '../../hotline/regulatory-clocks.ts';
import type { StoredRegulatoryClock } from '../hotline-store.ts';
import type { SqliteDatabase } from './database.ts';
import { instant } from './instant.ts';

const DEADLINE_STATES: readonly DeadlineState[] = ['open', 'acknowledged', 'answered', 'overdue', 'closed'];
const CLOCK_STATES: readonly ClockState[] = ['open', 'met', 'overdue'];

/** Rejects a deadline with an unknown state, missing keys or a bad timestamp. */
export function assertDeadline(d: Deadline): void {
  if (!DEADLINE_STATES.includes(d.state)) throw new ParleyError('BAD_REQUEST', `deadline state must be one of ${DEADLINE_STATES.join(', ')}`);
  if (!d.messageId || !d.owedBy || !d.threadId || !Array.isArray(d.escalations)) throw new ParleyError('BAD_REQUEST', 'a deadline needs messageId, owedBy, threadId and escalations');
  for (const t of [d.acknowledgeBy, d.respondBy, d.acknowledgedAt, d.answeredAt, d.closedAt]) if (t !== undefined) instant(t);
}

/** Rejects a regulatory clock with an unknown state, missing keys or a bad timestamp. */
export function assertClock(c: StoredRegulatoryClock): void {
  if (!CLOCK_STATES.includes(c.state)) throw new ParleyError('BAD_REQUEST', `clock state must be one of ${CLOCK_STATES.join(', ')}`);
  if (!c.messageId || !c.obligation) throw new ParleyError('BAD_REQUEST', 'a regulatory clock needs messageId and obligation');
  for (const t of [c.startsAt, c.due, c.metAt, c.escalatedAt]) if (t !== undefined) instant(t);
}

/** Deadlines and regulatory clocks on SQLite (the hotline store's tracking part). */
export class SqliteDeadlineRecords {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
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

  // Rows are written as JSON.stringify of the record and read back with JSON.parse, so a record as read serialises
  // to exactly the stored text: comparing the text is comparing the record.
  async replaceDeadline(expected: Deadline, next: Deadline): Promise<boolean> {
    assertDeadline(next);
    if (next.messageId !== expected.messageId || next.owedBy !== expected.owedBy) throw new ParleyError('BAD_REQUEST', 'a deadline is replaced by one for the same message and owing party');
    return this.#db
      .prepare('UPDATE hotline_deadlines SET state = ?, acknowledge_by = ?, json = ? WHERE message_id = ? AND owed_by = ? AND json = ?')
      .run(next.state, instant(next.acknowledgeBy), JSON.stringify(next), expected.messageId, expected.owedBy, JSON.stringify(expected)).changes === 1;
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

  async replaceRegulatoryClock(expected: StoredRegulatoryClock, next: StoredRegulatoryClock): Promise<boolean> {
    assertClock(next);
    if (next.messageId !== expected.messageId || next.obligation !== expected.obligation) throw new ParleyError('BAD_REQUEST', 'a regulatory clock is replaced by one for the same message and obligation');
    return this.#db
      .prepare('UPDATE hotline_regulatory_clocks SET state = ?, due = ?, json = ? WHERE message_id = ? AND obligation = ? AND json = ?')
      .run(next.state, instant(next.due), JSON.stringify(next), expected.messageId, expected.obligation, JSON.stringify(expected)).changes === 1;
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
