import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ParleyError } from '../../errors.ts';
import { openPostgresStore, POSTGRES_MIGRATIONS } from '../postgres/postgres-store.ts';
import { copyTables, type CopyProgress } from './copy-tables.ts';
import { inspectSource } from './inspect-source.ts';
import { summarise, verifyMigration, type MigrationCheck } from './verify-migration.ts';
import { openPostgresNodeStore } from '../../node/postgres-node-store.ts';
import { SqliteLogStore } from '../sqlite/sqlite-log-store.ts';

/** What `migrateStore` did: rows copied and the verification of the target. */
export interface MigrationOutcome {
  readonly rows: number;
  /** False when the copy did not verify and was rolled back (the target holds no data). True with a failed check
   * only when the committed data, read back through a fresh node store, differs (then the target must be dropped). */
  readonly committed: boolean;
  readonly check: MigrationCheck;
}

class RollBack extends Error {}

/**
 * Copies a node's SQLite store (`DIR/parley.db`, opened read-only and read as one snapshot) into an empty
 * PostgreSQL database in one transaction, verifies the target against the source before committing. Any failure,
 * a failed verification included, rolls back and leaves the target as it was (schema only).
 */
export async function migrateStore(sourceDir: string, targetUrl: string, progress: CopyProgress): Promise<MigrationOutcome> {
  const file = join(sourceDir, 'parley.db');
  if (!existsSync(file)) throw new ParleyError('NOT_FOUND', `no Parley database at ${file}`);
  let source: Database.Database;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
    source.pragma('busy_timeout = 10000');
  } catch (error) {
    throw new ParleyError('BAD_REQUEST', `cannot open ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const target = await openPostgresStore(targetUrl, { maxConnections: 2 });
    try {
      // One read transaction: the counts, the copy and the comparison all see the same snapshot.
      source.exec('BEGIN');
      const inventory = inspectSource(source, POSTGRES_MIGRATIONS);
      // The check runs on the transaction's connection, before the commit: a copy that does not verify is rolled
      // back, so a failed migrate always leaves the target without data.
      let check: MigrationCheck | undefined;
      try {
        await target.postgres.transaction(async () => {
          await copyTables(source, target.postgres, inventory, progress);
          check = await verifyMigration(source, target, inventory);
          if (!check.ok) throw new RollBack();
        });
      } catch (error) {
        if (!(error instanceof RollBack)) throw error;
      }
      const verified = check!;
      const committed = verified.ok;
      const final = committed ? await confirmCommitted(source, targetUrl, verified) : verified;
      source.exec('COMMIT');
      return { rows: inventory.total, committed, check: final };
    } finally {
      await target.close();
    }
  } finally {
    source.close();
  }
}

/**
 * Re-opens the committed target as a node store (fresh connections) and compares its log with the source's: what
 * was verified inside the transaction is what a node opening the database will see.
 */
async function confirmCommitted(source: Database.Database, targetUrl: string, check: MigrationCheck): Promise<MigrationCheck> {
  const hasLog = (source.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'ledger_state'").get() as { n: number }).n > 0;
  if (!hasLog) return check;
  const node = await openPostgresNodeStore(targetUrl, { maxConnections: 1 });
  try {
    const [was, now] = [await summarise(new SqliteLogStore(source)), await summarise(node.log)];
    if (JSON.stringify(was) === JSON.stringify(now)) return check;
    return { ok: false, ledger: check.ledger, failures: [`after the commit, the node store's log (size ${now.size}, root ${now.root}) differs from the source's (size ${was.size}, root ${was.root})`] };
  } finally {
    await node.close();
  }
}
