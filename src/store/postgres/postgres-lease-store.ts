import type pg from 'pg';
import { assertLeaseArguments, type AcquireOptions, type LeaseHolder, type LeaseStore } from '../lease-store.ts';

/** The leases table on PostgreSQL (to be folded into the PostgreSQL backend's migrations when it is merged). */
export const POSTGRES_LEASES_DDL = 'CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)';

/**
 * Leases on PostgreSQL. `INSERT … ON CONFLICT DO UPDATE … WHERE` takes the conflicting row's lock and evaluates the
 * condition on its latest committed version, so of two instances racing for an expired lease exactly one updates
 * it; the loser gets no row back. `now` comes from the caller (all instances need clocks within a fraction of the
 * TTL of each other, which NTP gives).
 */
export class PostgresLeaseStore implements LeaseStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Creates the leases table if it is missing. */
  async migrate(): Promise<void> {
    await this.#pool.query(POSTGRES_LEASES_DDL);
  }

  async acquire(name: string, holder: string, ttlMs: number, now: number, options: AcquireOptions = {}): Promise<boolean> {
    assertLeaseArguments(name, holder, ttlMs, now);
    const result = await this.#pool.query<{ holder: string }>(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE leases.expires_at < $4 OR leases.holder = EXCLUDED.holder OR leases.holder = $5
       RETURNING holder`,
      [name, holder, now + ttlMs, now, options.replacing ?? holder],
    );
    return result.rows[0]?.holder === holder;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.#pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async holder(name: string): Promise<LeaseHolder | undefined> {
    const result = await this.#pool.query<{ name: string; holder: string; expires_at: string }>('SELECT name, holder, expires_at FROM leases WHERE name = $1', [name]);
    const row = result.rows[0];
    return row && { name: row.name, holder: row.holder, expiresAt: Number(row.expires_at) };
  }
}
