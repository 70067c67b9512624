import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { outboxMigrations, SqliteOutboxStore } from './sqlite-outbox-store.ts';

describe('SqliteOutboxStore', () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: SqliteOutboxStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-outbox-store-'));
    db = openSqliteDatabase(join(dir, 'node.db'));
    migrate(db, [outboxMigrations]);
    store = new SqliteOutboxStore(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a handle on which the migrations have not run', () => {
    const other = openSqliteDatabase(join(dir, 'empty.db'));
    expect(() => new SqliteOutboxStore(other)).toThrow(/run migrate\(db, \[outboxMigrations\]\) first/);
    other.close();
  });
  // The outbox's behaviour is tested over every backend in src/store/federation-stores.contract.test.ts.
});
