import { ParleyError } from '../../errors.ts';
import type { Deadline, DeadlineState } from '../../hotline/deadlines.ts';
import type { ClockState } from '../../hotline/regulatory-clocks.ts';
import type { StoredRegulatoryClock } from '../hotline-store.ts';
import { instant } from '../sqlite/instant.ts';
import { assertClock, assertDeadline } from '../sqlite/sqlite-deadline-records.ts';
import type { PgExecutor } from './pg-executor.ts';

/** Deadlines and regulatory clocks on PostgreSQL (the hotline store's tracking part). */
export class PgDeadlineRecords {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  async putDeadline(deadline: Deadline): Promise<void> {
    assertDeadline(deadline);
    await this.#db.run(`INSERT INTO hotline_deadlines (message_id, owed_by, thread_id, state, acknowledge_by, json) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (message_id, owed_by) DO UPDATE SET state = excluded.state, json = excluded.json`,
    [deadline.messageId, deadline.owedBy, deadline.threadId, deadline.state, instant(deadline.acknowledgeBy), JSON.stringify(deadline)]);
  }

  async replaceDeadline(expected: Deadline, next: Deadline): Promise<boolean> {
    assertDeadline(next);
    if (next.messageId !== expected.messageId || next.owedBy !== expected.owedBy) throw new ParleyError('BAD_REQUEST', 'a deadline is replaced by one for the same message and owing party');
    // The UPDATE waits for a concurrent writer's row lock, then re-checks the row: the second of two checks finds it changed.
    return (await this.#db.run('UPDATE hotline_deadlines SET state = $1, acknowledge_by = $2, json = $3 WHERE message_id = $4 AND owed_by = $5 AND json = $6',
      [next.state, instant(next.acknowledgeBy), JSON.stringify(next), expected.messageId, expected.owedBy, JSON.stringify(expected)])) === 1;
  }

  async getDeadline(messageId: string, owedBy: string): Promise<Deadline | undefined> {
    const row = await this.#db.row<{ json: string }>('SELECT json FROM hotline_deadlines WHERE message_id = $1 AND owed_by = $2', [messageId, owedBy]);
    return row && (JSON.parse(row.json) as Deadline);
  }

  async listDeadlines(filter: { states?: readonly DeadlineState[]; threadId?: string } = {}): Promise<Deadline[]> {
    return (await this.#db.rows<{ json: string }>(`SELECT json FROM hotline_deadlines
      WHERE ($1::text[] IS NULL OR state = ANY($1::text[])) AND ($2::text IS NULL OR thread_id = $2)
      ORDER BY acknowledge_by, message_id, owed_by`, [filter.states ?? null, filter.threadId ?? null]))
      .map((row) => JSON.parse(row.json) as Deadline);
  }

  async putRegulatoryClocks(clocks: readonly StoredRegulatoryClock[]): Promise<void> {
    for (const c of clocks) assertClock(c);
    await this.#db.transaction(async () => {
      for (const c of clocks) {
        await this.#db.run(`INSERT INTO hotline_regulatory_clocks (message_id, obligation, state, due, json) VALUES ($1, $2, $3, $4, $5)
          ON CONFLICT (message_id, obligation) DO UPDATE SET state = excluded.state, due = excluded.due, json = excluded.json`,
        [c.messageId, c.obligation, c.state, instant(c.due), JSON.stringify(c)]);
      }
    });
  }

  async replaceRegulatoryClock(expected: StoredRegulatoryClock, next: StoredRegulatoryClock): Promise<boolean> {
    assertClock(next);
    if (next.messageId !== expected.messageId || next.obligation !== expected.obligation) throw new ParleyError('BAD_REQUEST', 'a regulatory clock is replaced by one for the same message and obligation');
    return (await this.#db.run('UPDATE hotline_regulatory_clocks SET state = $1, due = $2, json = $3 WHERE message_id = $4 AND obligation = $5 AND json = $6',
      [next.state, instant(next.due), JSON.stringify(next), expected.messageId, expected.obligation, JSON.stringify(expected)])) === 1;
  }

  async listRegulatoryClocks(filter: { messageId?: string; states?: readonly ClockState[] } = {}): Promise<StoredRegulatoryClock[]> {
    return (await this.#db.rows<{ json: string }>(`SELECT json FROM hotline_regulatory_clocks
      WHERE ($1::text IS NULL OR message_id = $1) AND ($2::text[] IS NULL OR state = ANY($2::text[]))
      ORDER BY due, message_id, obligation`, [filter.messageId ?? null, filter.states ?? null]))
      .map((row) => JSON.parse(row.json) as StoredRegulatoryClock);
  }
}
