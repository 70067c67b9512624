import type { MigrationSet } from '../sqlite/migrate.ts';
import type { PgExecutor } from './pg-executor.ts';

/** The advisory lock key under which migrations run (any constant; "parley" in ASCII). */
const MIGRATION_LOCK = 0x7061726c6579;

/**
 * Applies the steps of each set that the database has not seen yet, with the same per-module versions as SQLite's
 * `migrate`. Everything runs in one transaction holding a transaction-scoped advisory lock, so two instances
 * starting at once against a fresh database apply each step exactly once (the second waits, then finds nothing to do).
 */
export async function migratePostgres(db: PgExecutor, sets: readonly MigrationSet[]): Promise<void> {
  await db.transaction(async () => {
    await db.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      module TEXT COLLATE "C" NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))`);
    for (const set of sets) {
      const row = await db.row<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations WHERE module = $1', [set.module]);
      for (let version = (row?.v ?? 0) + 1; version <= set.steps.length; version++) {
        await db.run(set.steps[version - 1]!);
        await db.run('INSERT INTO schema_migrations (module, version, applied_at) VALUES ($1, $2, $3)', [set.module, version, new Date().toISOString()]);
      }
    }
  });
}

/** The schema version of each module as recorded in the database. */
export async function schemaVersions(db: PgExecutor): Promise<Map<string, number>> {
  const rows = await db.rows<{ module: string; v: number }>(
    `SELECT module, max(version) AS v FROM schema_migrations GROUP BY module`).catch(() => []);
  return new Map(rows.map((r) => [r.module, r.v]));
}
