import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryLeaves, objectDigest } from '../../ledger/log-entry.ts';
import { verifyLog } from '../../ledger/verify-log.ts';
import { openSqliteDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { SqliteLogStore, logMigrations } from './sqlite-log-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore(path = ':memory:') {
  const db = openSqliteDatabase(path);
  migrate(db, [logMigrations]);
  return { db, store: new SqliteLogStore(db) };
}

describe('SqliteLogStore', () => {
  it('refuses a database the ledger migrations have not run on', () => {
    expect(() => new SqliteLogStore(openSqliteDatabase(':memory:'))).toThrow('run migrate(db, [logMigrations]) first');
  });

  it('appends within a caller transaction and rolls back with it, leaving no half-written leaf', async () => {
    const { db, store } = openStore();
    db.exec('CREATE TABLE messages (id TEXT PRIMARY KEY)');
    const deliver = db.transaction((id: string, fail: boolean) => {
      db.prepare('INSERT INTO messages (id) VALUES (?)').run(id);
      store.appendInTransaction((index) => [Buffer.from(`${id}@${index}`)]);
      if (fail) throw new Error('crash after the leaf was written');
    });
    deliver('m1', false);
    expect(() => deliver('m2', true)).toThrow(/crash/);
    expect(await store.size()).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM ledger_nodes').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
    expect(store.appendInTransaction((index) => [Buffer.from(`m3@${index}`)])).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM ledger_nodes').get()).toEqual({ n: 3 });
  });

  // Appending onto a damaged tree is refused on every backend: src/store/log-store.contract.test.ts.

  it('keeps one consistent tree when two connections to the same file append in turn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-ledger-'));
    dirs.push(dir);
    const a = openStore(join(dir, 'node.db'));
    const b = openStore(join(dir, 'node.db'));
    for (let i = 0; i < 40; i++) {
      const store = i % 3 === 0 ? b.store : a.store;
      const draft = {
        kind: 'deadline-event' as const, object_id: `deadline--${i}`, object_modified: '2026-11-23T09:00:00Z',
        digest: objectDigest({ i }), logged_at: '2026-11-23T09:00:01Z',
      };
      expect(await store.append(entryLeaves([draft]))).toBe(i);
    }
    expect(await a.store.size()).toBe(40);
    const report = await verifyLog(b.store, { publicKeyFor: () => undefined });
    expect(report).toEqual({ ok: true, size: 40, checkpoints: 0, findings: [] });
    a.db.close();
    b.db.close();
  });
});
