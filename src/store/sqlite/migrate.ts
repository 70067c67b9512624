import type { SqliteDatabase } from './database.ts';

/** One module's ordered schema steps; step i brings the module's schema to version i + 1. Never edit a shipped step. */
export interface MigrationSet {
  module: string;
  steps: readonly string[];
}

/**
 * Applies the steps of each set that the database has not seen yet. Versions are kept per module, so the
 * TAXII, ledger and hotline schemas evolve independently; each step runs in its own transaction.
 */
export function migrate(db: SqliteDatabase, sets: readonly MigrationSet[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    module TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))`);
  const current = db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations WHERE module = ?');
  const record = db.prepare('INSERT INTO schema_migrations (module, version, applied_at) VALUES (?, ?, ?)');
  for (const set of sets) {
    // IMMEDIATE so that two processes opening the same data directory do not both apply a step.
    const applyPending = db.transaction(() => {
      const from = current.get(set.module)?.v ?? 0;
      for (let version = from + 1; version <= set.steps.length; version++) {
        db.exec(set.steps[version - 1]);
        record.run(set.module, version, new Date().toISOString());
      }
    });
    applyPending.immediate();
  }
}
