import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** Opens (creating if needed) a SQLite database in WAL mode, safe to share between a running node and CLI commands. */
export function openSqliteDatabase(path: string): SqliteDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commits).
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  cachePreparedStatements(db);
  return db;
}

// Stores prepare their SQL on every call; compiling a statement costs more than running most of them. Each
// connection keeps its compiled statements by SQL text (bounded: filter queries build SQL per request).
// A statement's mode (pluck/raw) sticks to it, so every caller of a given SQL text must use the same mode.
const MAX_CACHED_STATEMENTS = 500;

function cachePreparedStatements(db: SqliteDatabase): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement === undefined || statement.busy) {
      statement = prepare(source) as Database.Statement;
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  }) as SqliteDatabase['prepare'];
}
