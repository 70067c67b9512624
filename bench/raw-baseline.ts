import { openSqliteDatabase } from '../src/store/sqlite/database.ts';
import { benchObject } from './taxii-objects.ts';

/**
 * One run of the raw baseline: rows per second (wall) and the process's CPU ms per 1,000 rows of the timed rows, and
 * the rate of the warm-up rows before them (0 without a warm-up).
 */
export interface RawBaseline { rate: number; cpuPerThousand: number; warmupRate: number }

/**
 * The TAXII benchmarks' baseline: raw better-sqlite3 inserts of the same JSON rows into a fresh database at `path`
 * (a table with the same columns as taxii_objects and no secondary index, one prepared statement, one transaction
 * per 1,000 rows, SQLite's own checkpoints): first `warmup` rows, then `objects` rows timed, as the TAXII ingest is.
 */
export function rawBaseline(path: string, objects: number, warmup = 0): RawBaseline {
  const db = openSqliteDatabase(path);
  db.exec(`CREATE TABLE raw (seq INTEGER PRIMARY KEY, collection TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,
    version TEXT NOT NULL, version_key TEXT NOT NULL, spec_version TEXT NOT NULL, media_type TEXT NOT NULL,
    date_added INTEGER NOT NULL, is_latest INTEGER NOT NULL, is_first INTEGER NOT NULL, json TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO raw (collection, id, type, version, version_key, spec_version, media_type, date_added, is_latest, is_first, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const rows = Array.from({ length: warmup + objects }, (_, n) => {
    const o = benchObject(n);
    return ['c', o.id, o.type, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000000000Z', '2.1', 'application/stix+json;version=2.1', n, 1, 1, JSON.stringify(o)] as const;
  });
  const batch = db.transaction((slice: (typeof rows)[number][]) => {
    for (const r of slice) insert.run(...r);
  });
  const warmupStarted = performance.now();
  for (let i = 0; i < warmup; i += 1000) batch(rows.slice(i, Math.min(i + 1000, warmup)));
  const warmupSeconds = (performance.now() - warmupStarted) / 1000;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = warmup; i < rows.length; i += 1000) batch(rows.slice(i, i + 1000));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  db.close();
  return { rate: objects / seconds, cpuPerThousand: (cpu.user + cpu.system) / 1000 / (objects / 1000), warmupRate: warmup > 0 ? warmup / warmupSeconds : 0 };
}
