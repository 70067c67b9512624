import { assertLeaseArguments, type AcquireOptions, type LeaseHolder, type LeaseStore } from '../lease-store.ts';
import type { MigrationSet } from '../sqlite/migrate.ts';
import type { PgExecutor } from './pg-executor.ts';

/** Module `leases` on PostgreSQL: the same table and steps as on SQLite. */
export const pgLeaseMigrations: MigrationSet = Object.freeze({
  module: 'leases',
  steps: Object.freeze(['CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)']),
});

/**
 * Leases on PostgreSQL. `INSERT … ON CONFLICT DO UPDATE … WHERE` takes the conflicting row's lock and evaluates the
 * condition on its latest committed version, so of two instances racing for an expired lease exactly one updates
 * it; the loser gets no row back. `now` comes from the caller (all instances need clocks within a fraction of the
 * TTL of each other, which NTP gives).
 */
export class PostgresLeaseStore implements LeaseStore {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  async acquire(name: string, holder: string, ttlMs: number, now: number, options: AcquireOptions = {}): Promise<boolean> {
    assertLeaseArguments(name, holder, ttlMs, now);
    const row = await this.#db.row<{ holder: string }>(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE leases.expires_at < $4 OR leases.holder = EXCLUDED.holder OR leases.holder = $5
       RETURNING holder`,
      [name, holder, now + ttlMs, now, options.replacing ?? holder],
    );
    return row?.holder === holder;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.#db.run('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async holder(name: string): Promise<LeaseHolder | undefined> {
    const row = await this.#db.row<{ name: string; holder: string; expires_at: string }>('SELECT name, holder, expires_at FROM leases WHERE name = $1', [name]);
    return row && { name: row.name, holder: row.holder, expiresAt: Number(row.expires_at) };
  }
}
