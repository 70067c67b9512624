import { ParleyError } from '../../errors.ts';
import type { PullCursorStore } from '../pull-cursor-store.ts';
import type { PgExecutor } from './pg-executor.ts';

/** Pull cursors on PostgreSQL (`federation_pull_cursors`). */
export class PgPullCursorStore implements PullCursorStore {
  constructor(private readonly db: PgExecutor) {}

  async get(partyId: string): Promise<string | undefined> {
    return (await this.db.row<{ added_after: string }>('SELECT added_after FROM federation_pull_cursors WHERE party_id = $1', [partyId]))?.added_after;
  }

  // Kept verbatim: the server's timestamp format (e.g. microseconds) must round-trip exactly into added_after.
  async set(partyId: string, addedAfter: string, at: string): Promise<void> {
    if (Number.isNaN(Date.parse(addedAfter))) throw new ParleyError('BAD_REQUEST', `"${addedAfter}" is not a timestamp`);
    await this.db.run(`INSERT INTO federation_pull_cursors (party_id, added_after, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (party_id) DO UPDATE SET added_after = excluded.added_after, updated_at = excluded.updated_at`, [partyId, addedAfter, at]);
  }
}
