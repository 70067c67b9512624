import { assertLeaseArguments, type AcquireOptions, type LeaseHolder, type LeaseStore } from '../lease-store.ts';
import type { ConnectionGate } from './connection-gate.ts';
import type { SqliteDatabase } from './database.ts';
import type { MigrationSet } from './migrate.ts';

/** The leases module's schema steps: one row per named lease, `expires_at` in milliseconds since the epoch. */
export const leaseMigrations: MigrationSet = Object.freeze({
  module: 'leases',
  steps: Object.freeze([
    `CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
  ]),
});

/**
 * Leases on SQLite. The upsert is one statement, and SQLite runs one writer at a time (across processes sharing
 * the file too), so the compare-and-set is atomic; the RETURNING row tells whether our update won.
 */
export class SqliteLeaseStore implements LeaseStore {
  readonly #db: SqliteDatabase;
  readonly #gate: ConnectionGate;

  // Through the gate: a renewal must not join (and be rolled back with) another task's open transaction.
  constructor(db: SqliteDatabase, gate: ConnectionGate) {
    this.#db = db;
    this.#gate = gate;
  }

  async acquire(name: string, holder: string, ttlMs: number, now: number, options: AcquireOptions = {}): Promise<boolean> {
    assertLeaseArguments(name, holder, ttlMs, now);
    const row = await this.#gate.run(() => this.#db
      .prepare<[string, string, number, number, string], { holder: string }>(
        `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.expires_at < ? OR leases.holder = excluded.holder OR leases.holder = ?
         RETURNING holder`,
      )
      .get(name, holder, now + ttlMs, now, options.replacing ?? holder));
    return row?.holder === holder;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.#gate.run(() => this.#db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder));
  }

  async holder(name: string): Promise<LeaseHolder | undefined> {
    const row = await this.#gate.run(() => this.#db.prepare<[string], { name: string; holder: string; expires_at: number }>('SELECT name, holder, expires_at FROM leases WHERE name = ?').get(name));
    return row && { name: row.name, holder: row.holder, expiresAt: Number(row.expires_at) };
  }
}
