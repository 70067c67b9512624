import type { KeyObject } from 'node:crypto';
import { partyExtension } from '../../hotline/party.ts';
import { formatLogReport } from '../../ledger/log-report.ts';
import { publicKeyFromBase64url } from '../../ledger/sign.ts';
import { storedRoot } from '../../ledger/stored-tree.ts';
import { verifyLog } from '../../ledger/verify-log.ts';
import type { LogStore } from '../log-store.ts';
import type { PostgresStore } from '../postgres/postgres-store.ts';
import type { SqliteDatabase } from '../sqlite/database.ts';
import { SqliteLogStore } from '../sqlite/sqlite-log-store.ts';
import type { SourceInventory } from './inspect-source.ts';
import { TABLE_PLANS } from './migrate-tables.ts';

/** The outcome of re-checking a migrated database: what failed, one line each (none when it verified). */
export interface MigrationCheck {
  readonly ok: boolean;
  readonly failures: readonly string[];
  /** The log's own verification lines (`PASS ledger: …` or `FAIL ledger: …` and its findings). */
  readonly ledger: readonly string[];
}

interface LogSummary { size: number; root: string; latest: string }

/** The log's size, stored root (base64) and latest checkpoint (as JSON), for comparing two stores. */
export async function summarise(log: LogStore): Promise<LogSummary> {
  const size = await log.size();
  return { size, root: (await storedRoot(log, size)).toString('base64'), latest: JSON.stringify((await log.latestCheckpoint()) ?? null) };
}

/**
 * Compares the target with the source snapshot it was copied from: rows per table, every collection's clock at or
 * past its highest date_added, the log's size, stored root and latest checkpoint; then re-verifies the whole log
 * on PostgreSQL (every leaf and subtree hash recomputed, checkpoint signatures checked against the own party's keys).
 */
export async function verifyMigration(source: SqliteDatabase, target: PostgresStore, inventory: SourceInventory): Promise<MigrationCheck> {
  const failures: string[] = [];
  const present = new Set(inventory.present.map((p) => p.table));
  for (const { table, upsertOn } of TABLE_PLANS) {
    // A module the source never set up (a TAXII-only node has no log): its seeded rows stay as opening left them.
    if (!present.has(table) && upsertOn) continue;
    const want = inventory.counts.get(table) ?? 0;
    const got = (await target.postgres.row<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))!.n;
    if (got !== want) failures.push(`${table}: ${want} rows in the source, ${got} in the target`);
  }
  const behind = await target.postgres.rows<{ id: string }>(
    `SELECT c.id FROM taxii_collections c LEFT JOIN taxii_clock k ON k.collection = c.seq
     WHERE k.last_added IS NULL OR k.last_added < coalesce((SELECT max(date_added) FROM taxii_objects o WHERE o.collection = c.seq), 0)`);
  for (const { id } of behind) failures.push(`taxii_clock: collection ${id} has no clock at or past its newest object`);

  const hasLog = inventory.present.some((p) => p.table === 'ledger_state');
  if (hasLog) {
    const [was, now] = [await summarise(new SqliteLogStore(source)), await summarise(target.log)];
    if (was.size !== now.size) failures.push(`ledger: size ${was.size} in the source, ${now.size} in the target`);
    else if (was.root !== now.root) failures.push(`ledger: root ${was.root} in the source, ${now.root} in the target`);
    if (was.latest !== now.latest) failures.push('ledger: the latest checkpoint differs from the source\'s');
  }
  const own = await target.hotline.getOwnParty();
  const keys = new Map<string, KeyObject>(own ? partyExtension(own).signing_keys.map((k) => [k.key_id, publicKeyFromBase64url(k.public_key)]) : []);
  const report = await verifyLog(target.log, { publicKeyFor: (keyId) => keys.get(keyId) });
  if (!report.ok) failures.push('ledger: the log does not verify on the target');
  return { ok: failures.length === 0, failures, ledger: formatLogReport(report) };
}
