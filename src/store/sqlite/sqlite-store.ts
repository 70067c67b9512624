import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store.ts';
import { startBackgroundCheckpointer, WRITER_FALLBACK_CHECKPOINT_PAGES } from './background-checkpointer.ts';
import { ConnectionGate } from './connection-gate.ts';
import { openSqliteDatabase, type SqliteDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { SqliteAccountStore } from './sqlite-account-store.ts';
import { SqliteCollectionStore } from './sqlite-collection-store.ts';
import { SqliteObjectStore } from './sqlite-object-store.ts';
import { SqliteStatusStore } from './sqlite-status-store.ts';
import { taxiiMigrations } from './taxii-migrations.ts';

/** The SQLite store, exposing its connection so other modules (ledger, hotline) can build on the same handle. */
export interface SqliteStore extends Store {
  readonly sqlite: SqliteDatabase;
  /** Serialises other modules' use of the connection with this store's async transactions. */
  readonly gate: ConnectionGate;
}

/** The API root every node has; its URL is `/taxii2/parley/`. */
export const DEFAULT_API_ROOT = Object.freeze({ name: 'parley', title: 'Parley', maxContentLength: 16 * 1024 * 1024, isDefault: true });

/** Options of openSqliteStore. */
export interface SqliteStoreOptions {
  /**
   * Checkpoint the WAL on a worker thread instead of inside commits (see background-checkpointer.ts): for the
   * long-running node (`parley serve`) and bulk imports; one-shot commands keep SQLite's automatic checkpoint.
   */
  backgroundCheckpoints?: boolean;
}

/** Opens `DATA/parley.db` (`:memory:` when dataDir is `:memory:`), applies migrations and seeds the default API root. */
export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const db = openSqliteDatabase(dataDir === ':memory:' ? ':memory:' : join(dataDir, 'parley.db'));
  // 64 MiB page cache: keeps the hot index pages of a large collection in memory (default is 2 MiB).
  db.pragma('cache_size = -65536');
  migrate(db, [taxiiMigrations]);
  db.transaction(() => {
    db.prepare("INSERT OR IGNORE INTO taxii_node (key, value) VALUES ('cursor_secret', ?)").run(randomBytes(32));
    if (!db.prepare('SELECT 1 FROM taxii_api_roots').get()) {
      db.prepare('INSERT INTO taxii_api_roots (name, title, max_content_length, is_default) VALUES (?, ?, ?, 1)')
        .run(DEFAULT_API_ROOT.name, DEFAULT_API_ROOT.title, DEFAULT_API_ROOT.maxContentLength);
    }
  }).immediate();
  const secret = db.prepare<[], { value: Buffer }>("SELECT value FROM taxii_node WHERE key = 'cursor_secret'").get()!.value;
  // A second connection for reads while a transaction is open (WAL lets it read the last commit meanwhile).
  const reader = dataDir === ':memory:' ? undefined : openSqliteDatabase(db.name);
  reader?.pragma('query_only = ON');
  const gate = new ConnectionGate(db, reader);
  const checkpointer = options.backgroundCheckpoints && dataDir !== ':memory:' ? startBackgroundCheckpointer(db.name) : undefined;
  if (checkpointer) db.pragma(`wal_autocheckpoint = ${WRITER_FALLBACK_CHECKPOINT_PAGES}`);
  return Object.freeze({
    sqlite: db,
    gate,
    collections: new SqliteCollectionStore(db, gate),
    objects: new SqliteObjectStore(db, gate, secret),
    accounts: new SqliteAccountStore(db, gate),
    statuses: new SqliteStatusStore(db, gate),
    transaction: <T>(fn: () => Promise<T>) => gate.transaction(fn),
    close: async () => {
      await checkpointer?.stop();
      await gate.run(() => {
        reader?.close();
        db.close();
      });
    },
  });
}
