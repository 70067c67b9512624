import { ParleyError } from '../../errors.ts';
import type { SqliteDatabase } from '../sqlite/database.ts';
import type { MigrationSet } from '../sqlite/migrate.ts';
import { isSqliteInternal, NOT_COPIED, TABLE_PLANS, type TablePlan } from './migrate-tables.ts';

/** What the source holds: rows per planned table (0 where a module was never set up, e.g. a TAXII-only node). */
export interface SourceInventory {
  readonly counts: ReadonlyMap<string, number>;
  readonly total: number;
  /** The planned tables the source has, in copy order. */
  readonly present: readonly TablePlan[];
}

/**
 * Checks that the SQLite database is one this build can copy whole: every table is one `parley migrate` knows
 * (a future table must not be dropped silently) and every module is at the schema version PostgreSQL gets.
 * Runs inside the caller's read transaction, so the counts match the rows copied.
 */
export function inspectSource(db: SqliteDatabase, expected: readonly MigrationSet[]): SourceInventory {
  const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name));
  const planned = new Set(TABLE_PLANS.map((p) => p.table));
  const unknown = [...tables].filter((t) => !planned.has(t) && !NOT_COPIED.includes(t) && !isSqliteInternal(t));
  if (unknown.length > 0) {
    throw new ParleyError('BAD_REQUEST', `the source has tables parley migrate does not know (${unknown.sort().join(', ')}): refusing rather than leaving them behind`);
  }
  if (!tables.has('schema_migrations') || !tables.has('taxii_objects')) {
    throw new ParleyError('BAD_REQUEST', 'the source is not a Parley database (no schema_migrations or taxii_objects table)');
  }
  const versions = new Map(db.prepare<[], { module: string; v: number }>('SELECT module, max(version) AS v FROM schema_migrations GROUP BY module').all().map((r) => [r.module, r.v]));
  const steps = new Map(expected.map((set) => [set.module, set.steps.length]));
  for (const [module, version] of versions) {
    const want = steps.get(module);
    if (want === undefined) throw new ParleyError('BAD_REQUEST', `the source has schema module ${module}, which this Parley does not know`);
    if (version !== want) {
      throw new ParleyError('BAD_REQUEST', `the source's ${module} schema is at version ${version}, this Parley's is at ${want}: ${version < want ? 'open the node once with this Parley (e.g. `parley verify`) to upgrade it, then migrate' : 'use the Parley that wrote it'}`);
    }
  }
  const present: TablePlan[] = [];
  const counts = new Map<string, number>();
  let total = 0;
  for (const plan of TABLE_PLANS) {
    if (!tables.has(plan.table)) {
      if (versions.has(plan.module)) throw new ParleyError('BAD_REQUEST', `the source lacks table ${plan.table} of module ${plan.module}`);
      counts.set(plan.table, 0);
      continue;
    }
    const n = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${plan.table}"`).get()!.n;
    counts.set(plan.table, n);
    present.push(plan);
    total += n;
  }
  return { counts, total, present };
}
