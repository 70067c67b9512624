import { ParleyError } from '../../errors.ts';
import type { PullCursorStore } from '../pull-cursor-store.ts';
import type { SqliteDatabase } from './database.ts';

/** Pull cursors on SQLite (the `federation_pull_cursors` table of `outboxMigrations`); takes an open handle. */
export class SqlitePullCursorStore implements PullCursorStore {
  readonly #get;
  readonly #set;

  constructor(db: SqliteDatabase) {
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'federation_pull_cursors'`).get() as { n: number };
    if (tables.n === 0) throw new ParleyError('INTERNAL', 'the federation tables do not exist: run migrate(db, [outboxMigrations]) first');
    this.#get = db.prepare<[string], { added_after: string }>('SELECT added_after FROM federation_pull_cursors WHERE party_id = ?');
    this.#set = db.prepare(`INSERT INTO federation_pull_cursors (party_id, added_after, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (party_id) DO UPDATE SET added_after = excluded.added_after, updated_at = excluded.updated_at`);
  }

  async get(partyId: string): Promise<string | undefined> {
    return this.#get.get(partyId)?.added_after;
  }

  // Kept verbatim: the server's timestamp format (e.g. microseconds) must round-trip exactly into added_after.
  async set(partyId: string, addedAfter: string, at: string): Promise<void> {
    if (Number.isNaN(Date.parse(addedAfter))) throw new ParleyError('BAD_REQUEST', `"${addedAfter}" is not a timestamp`);
    this.#set.run(partyId, addedAfter, at);
  }
}
