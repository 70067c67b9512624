import { ParleyError } from '../../errors.ts';
import type { PgExecutor, SqlValue } from '../postgres/pg-executor.ts';
import type { SqliteDatabase } from '../sqlite/database.ts';
import { DEFAULT_API_ROOT } from '../sqlite/sqlite-store.ts';
import { convertValue, type TargetColumn } from './convert-value.ts';
import type { SourceInventory } from './inspect-source.ts';
import { TABLE_PLANS, type TablePlan } from './migrate-tables.ts';

/** Told how many rows there are in all, then as each table's rows are copied (`rows` so far of its `total`). */
export interface CopyProgress {
  start(totalRows: number): void;
  rows(table: string, rows: number, total: number): void;
}

// Serialises two migrates into one database (the loser then finds it not empty).
const MIGRATE_LOCK = 0x7061726c6d67;
// PostgreSQL binds at most 65535 parameters per statement.
const MAX_PARAMS = 60000;

/**
 * Copies every planned table from the SQLite source into the PostgreSQL target inside the caller's transaction:
 * refuses a target that holds any data, converts each value by its PostgreSQL column (convert-value.ts), keeps
 * identity values (and moves their sequences past them) and rebuilds the per-collection TAXII clocks.
 */
export async function copyTables(source: SqliteDatabase, target: PgExecutor, inventory: SourceInventory, progress: CopyProgress): Promise<void> {
  await target.run('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
  await assertEmpty(target);
  progress.start(inventory.total);
  for (const plan of inventory.present) await copyTable(source, target, plan, inventory.counts.get(plan.table) ?? 0, progress);
  await rebuildClocks(source, target);
}

async function assertEmpty(target: PgExecutor): Promise<void> {
  const held: string[] = [];
  for (const { table } of TABLE_PLANS.concat([{ table: 'taxii_clock', module: 'taxii', order: '' }])) {
    // What opening the store seeds is no data: the node secret, the default API root, a log of size 0.
    const seeded = table === 'taxii_node' ? " WHERE key <> 'cursor_secret'"
      : table === 'taxii_api_roots' ? ` WHERE NOT (name = '${DEFAULT_API_ROOT.name}' AND title = '${DEFAULT_API_ROOT.title}' AND description IS NULL AND max_content_length = ${DEFAULT_API_ROOT.maxContentLength} AND is_default)`
        : table === 'ledger_state' ? ' WHERE size <> 0' : '';
    const n = (await target.row<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}${seeded}`))!.n;
    if (n > 0) held.push(`${table}: ${n} rows`);
  }
  if (held.length > 0) {
    const listed = held.slice(0, 3).join(', ') + (held.length > 3 ? `, and ${held.length - 3} more tables` : '');
    throw new ParleyError('CONFLICT', `the target database already holds data (${listed}): parley migrate only copies into an empty database`);
  }
}

async function targetColumns(target: PgExecutor, table: string): Promise<TargetColumn[]> {
  const rows = await target.rows<{ name: string; type: string; nullable: string; identity: string }>(
    `SELECT column_name AS name, data_type AS type, is_nullable AS nullable, is_identity AS identity
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [table]);
  return rows.map((r) => ({ name: r.name, type: r.type, nullable: r.nullable === 'YES', identity: r.identity === 'YES' }));
}

async function copyTable(source: SqliteDatabase, target: PgExecutor, plan: TablePlan, total: number, progress: CopyProgress): Promise<void> {
  const sourceNames = source.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${plan.table}')`).all().map((r) => r.name);
  const all = await targetColumns(target, plan.table);
  const columns = all.filter((c) => !(plan.targetOnly ?? []).includes(c.name));
  const names = columns.map((c) => c.name);
  if (names.length !== sourceNames.length || !names.every((n) => sourceNames.includes(n))) {
    throw new ParleyError('BAD_REQUEST', `cannot migrate ${plan.table}: its columns differ (SQLite: ${sourceNames.join(', ')}; PostgreSQL: ${names.join(', ')})`);
  }
  const quoted = names.map((n) => `"${n}"`).join(', ');
  const overriding = columns.some((c) => c.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
  const conflict = plan.upsertOn
    ? ` ON CONFLICT (${plan.upsertOn.join(', ')}) DO UPDATE SET ${names.filter((n) => !plan.upsertOn!.includes(n)).map((n) => `"${n}" = excluded."${n}"`).join(', ')}`
    : '';
  const perBatch = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / names.length)));
  let batch: SqlValue[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((row, r) => `(${row.map((_, c) => `$${r * names.length + c + 1}`).join(', ')})`).join(', ');
    await target.run(`INSERT INTO ${plan.table} (${quoted})${overriding} VALUES ${values}${conflict}`, batch.flat());
    copied += batch.length;
    batch = [];
    progress.rows(plan.table, copied, total);
  };
  progress.rows(plan.table, 0, total);
  // iterate() keeps the connection busy: nothing else may run on the source until the loop ends.
  const rows = source.prepare(`SELECT ${quoted} FROM ${plan.table} ORDER BY ${plan.order}`).raw(true).iterate() as IterableIterator<unknown[]>;
  for (const row of rows) {
    batch.push(row.map((value, c) => convertValue(plan.table, copied + batch.length + 1, columns[c]!, value)));
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  for (const column of columns.filter((c) => c.identity)) {
    await target.run(`SELECT setval(pg_get_serial_sequence($1, $2), max_value) FROM (SELECT max("${column.name}") AS max_value FROM ${plan.table}) m WHERE max_value IS NOT NULL`, [plan.table, column.name]);
  }
}

/**
 * SQLite keeps one node-wide high-water mark of date_added; PostgreSQL one per collection. Each collection's clock
 * starts at the larger of that mark and its own highest date_added, so new objects sort after every migrated one.
 */
async function rebuildClocks(source: SqliteDatabase, target: PgExecutor): Promise<void> {
  const mark = source.prepare<[], { last_added: number }>('SELECT last_added FROM taxii_clock').get()?.last_added ?? 0;
  await target.run(
    `INSERT INTO taxii_clock (collection, last_added)
     SELECT c.seq, greatest($1::bigint, coalesce((SELECT max(date_added) FROM taxii_objects o WHERE o.collection = c.seq), 0))
     FROM taxii_collections c`, [mark]);
}
