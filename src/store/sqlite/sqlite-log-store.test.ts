import { describe, expect, it } from 'vitest';
import { leafHash, rootFromLeafHashes } from '../../ledger/merkle.ts';
import { openSqliteDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { SqliteLogStore, logMigrations } from './sqlite-log-store.ts';

function openStore() {
  const db = openSqliteDatabase(':memory:');
  migrate(db, [logMigrations]);
  return { db, store: new SqliteLogStore(db) };
}

describe('SqliteLogStore', () => {
  it('appends leaves with their indexes and keeps every complete subtree hash', async () => {
    const { store } = openStore();
    const leaves: Buffer[] = [];
    for (let i = 0; i < 37; i++) {
      const first = await store.append((index) => [Buffer.from(`leaf ${index}`)]);
      expect(first).toBe(i);
      leaves.push(Buffer.from(`leaf ${i}`));
    }
    const batchFirst = await store.append((index) => [0, 1, 2].map((j) => Buffer.from(`leaf ${index + j}`)));
    expect(batchFirst).toBe(37);
    for (let j = 37; j < 40; j++) leaves.push(Buffer.from(`leaf ${j}`));
    expect(await store.size()).toBe(40);
    expect((await store.entries(10, 13)).map((e) => e.bytes.toString())).toEqual(['leaf 10', 'leaf 11', 'leaf 12']);
    const hashes = leaves.map(leafHash);
    const [l3, l5] = await store.nodeHashes([{ level: 3, index: 2 }, { level: 5, index: 0 }]);
    expect(l3?.equals(rootFromLeafHashes(hashes, 16, 24))).toBe(true);
    expect(l5?.equals(rootFromLeafHashes(hashes, 0, 32))).toBe(true);
    expect(await store.nodeHashes([{ level: 3, index: 5 }])).toEqual([undefined]);
    expect(await store.extent()).toEqual({ entries: 40, leafHashes: 40 });
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
  });

  it('stores checkpoints and finds the latest, by size and all', async () => {
    const { store } = openStore();
    const cp = (size: number, ts: string) => ({
      origin: 'identity--x', tree_size: size, root_hash: 'A'.repeat(43) + '=', timestamp: ts, key_id: 'k1', signature: 'sig',
    });
    expect(await store.latestCheckpoint()).toBeUndefined();
    expect(await store.putCheckpoint(cp(1, '2026-01-01T00:00:00Z'))).toBe(1);
    await store.putCheckpoint(cp(2, '2026-01-02T00:00:00Z'));
    await store.putCheckpoint(cp(1, '2026-01-03T00:00:00Z'));
    expect(await store.latestCheckpoint()).toEqual({ seq: 3, checkpoint: cp(1, '2026-01-03T00:00:00Z') });
    expect((await store.checkpointAt(2))?.seq).toBe(2);
    expect((await store.checkpointAt(1))?.seq).toBe(3);
    expect(await store.checkpointAt(7)).toBeUndefined();
    expect((await store.checkpoints()).map((c) => c.seq)).toEqual([1, 2, 3]);
  });
});
