import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/postgres-database.ts';
import { leafHash, rootFromLeafHashes } from '../ledger/merkle.ts';
import type { LogStore } from './log-store.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';
import { migrate } from './sqlite/migrate.ts';
import { SqliteLogStore, logMigrations } from './sqlite/sqlite-log-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A log store with the transaction of the store it belongs to, and raw SQL for simulating damage. */
interface OpenedLog {
  log: LogStore;
  transaction: Store['transaction'];
  exec(sql: string): Promise<void>;
}

/** Every LogStore backend; the same contract runs over each. */
const BACKENDS: readonly { name: string; open(): Promise<OpenedLog> }[] = [{
  name: 'sqlite',
  async open() {
    const store = openSqliteStore(':memory:');
    migrate(store.sqlite, [logMigrations]);
    cleanups.push(() => store.close());
    return { log: new SqliteLogStore(store.sqlite), transaction: store.transaction, exec: async (sql) => void store.sqlite.exec(sql) };
  },
}, {
  name: 'postgres',
  async open() {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const store = await openPostgresStore(database.url, { maxConnections: 4 });
    cleanups.push(() => store.close());
    return { log: store.log, transaction: store.transaction, exec: async (sql) => void (await store.postgres.run(sql)) };
  },
}];

const checkpoint = (size: number, ts: string) => ({
  origin: 'identity--x', tree_size: size, root_hash: `${'A'.repeat(43)}=`, timestamp: ts, key_id: 'k1', signature: 'sig',
});

for (const backend of BACKENDS) {
  describe(`${backend.name}: log store`, () => {
    it('appends leaves with their indexes and keeps every complete subtree hash', async () => {
      const store = (await backend.open()).log;
      const leaves: Buffer[] = [];
      for (let i = 0; i < 37; i++) {
        expect(await store.append((index) => [Buffer.from(`leaf ${index}`)])).toBe(i);
        leaves.push(Buffer.from(`leaf ${i}`));
      }
      expect(await store.append((index) => [0, 1, 2].map((j) => Buffer.from(`leaf ${index + j}`)))).toBe(37);
      for (let j = 37; j < 40; j++) leaves.push(Buffer.from(`leaf ${j}`));
      expect(await store.size()).toBe(40);
      expect((await store.entries(10, 13)).map((e) => [e.index, e.bytes.toString()])).toEqual([
        [10, 'leaf 10'], [11, 'leaf 11'], [12, 'leaf 12'],
      ]);
      expect(await store.entries(40, 50)).toEqual([]);
      const hashes = leaves.map(leafHash);
      const [l3, l5, l0] = await store.nodeHashes([{ level: 3, index: 2 }, { level: 5, index: 0 }, { level: 0, index: 39 }]);
      expect(l3?.equals(rootFromLeafHashes(hashes, 16, 24))).toBe(true);
      expect(l5?.equals(rootFromLeafHashes(hashes, 0, 32))).toBe(true);
      expect(l0?.equals(hashes[39])).toBe(true);
      // Leaves 32..39 form a complete subtree (3, 4); leaves 40.. do not exist yet.
      expect(await store.nodeHashes([{ level: 3, index: 5 }, { level: 1, index: 20 }])).toEqual([undefined, undefined]);
      expect(await store.extent()).toEqual({ entries: 40, leafHashes: 40 });
    });

    it('gives concurrent appends distinct consecutive indexes', async () => {
      const store = (await backend.open()).log;
      const firsts = await Promise.all(Array.from({ length: 50 }, (_, i) =>
        store.append((index) => [Buffer.from(`a${i}@${index}`), Buffer.from(`b${i}@${index + 1}`)])));
      expect([...firsts].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
      const rows = await store.entries(0, 100);
      expect(rows.map((r) => r.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      const [root] = await store.nodeHashes([{ level: 6, index: 0 }]);
      expect(root?.equals(rootFromLeafHashes(rows.slice(0, 64).map((r) => leafHash(r.bytes))))).toBe(true);
    });

    it('stores checkpoints and finds the latest, by size and all', async () => {
      const store = (await backend.open()).log;
      expect(await store.latestCheckpoint()).toBeUndefined();
      expect(await store.checkpoints()).toEqual([]);
      expect(await store.putCheckpoint(checkpoint(1, '2026-01-01T00:00:00Z'))).toBe(1);
      await store.putCheckpoint(checkpoint(2, '2026-01-02T00:00:00Z'));
      await store.putCheckpoint(checkpoint(1, '2026-01-03T00:00:00Z'));
      expect(await store.latestCheckpoint()).toEqual({ seq: 3, checkpoint: checkpoint(1, '2026-01-03T00:00:00Z') });
      expect((await store.checkpointAt(2))?.seq).toBe(2);
      expect((await store.checkpointAt(1))?.seq).toBe(3);
      expect(await store.checkpointAt(7)).toBeUndefined();
      expect((await store.checkpoints()).map((c) => c.seq)).toEqual([1, 2, 3]);
    });

    // Several instances share one database only on PostgreSQL.
    it.runIf(backend.name === 'postgres')('serialises appends from two instances into one tree order', async () => {
      const database = await createTestDatabase();
      cleanups.push(database.drop);
      const [one, two] = await Promise.all([openPostgresStore(database.url, { maxConnections: 3 }), openPostgresStore(database.url, { maxConnections: 3 })]);
      cleanups.push(() => one.close(), () => two.close());
      const firsts = await Promise.all(Array.from({ length: 30 }, (_, i) =>
        (i % 2 === 0 ? one : two).log.append((index) => [Buffer.from(`x${i}@${index}`), Buffer.from(`y${i}@${index + 1}`)])));
      expect([...firsts].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i * 2));
      const rows = await one.log.entries(0, 60);
      expect(rows.map((r) => Number(/@(\d+)$/.exec(r.bytes.toString())?.[1]))).toEqual(Array.from({ length: 60 }, (_, i) => i));
      const [root] = await two.log.nodeHashes([{ level: 5, index: 0 }]);
      expect(root?.equals(rootFromLeafHashes(rows.slice(0, 32).map((r) => leafHash(r.bytes))))).toBe(true);
    });

    it('rolls an append back with the store transaction around it', async () => {
      const { log, transaction } = await backend.open();
      await log.append((index) => [Buffer.from(`leaf ${index}`)]);
      await expect(transaction(async () => {
        expect(await log.append((index) => [Buffer.from(`leaf ${index}`)])).toBe(1);
        throw new Error('crash after the leaf was written');
      })).rejects.toThrow(/crash/);
      expect(await log.size()).toBe(1);
      expect(await log.extent()).toEqual({ entries: 1, leafHashes: 1 });
      expect(await log.append((index) => [Buffer.from(`leaf ${index}`)])).toBe(1);
    });

    it('refuses to append onto a tree whose stored subtree hash was deleted, and writes nothing', async () => {
      const { log, exec } = await backend.open();
      await log.append((index) => [Buffer.from(`leaf ${index}`)]);
      await exec('DELETE FROM ledger_nodes WHERE level = 0 AND idx = 0');
      await expect(log.append(() => [Buffer.from('leaf 1')])).rejects.toThrow('subtree (0, 0) is missing');
      expect(await log.size()).toBe(1);
      expect(await log.extent()).toEqual({ entries: 1, leafHashes: 0 });
    });

    it('writes nothing when building the leaves fails', async () => {
      const store = (await backend.open()).log;
      await store.append(() => [Buffer.from('first')]);
      await expect(store.append(() => { throw new RangeError('log entry: bad'); })).rejects.toThrow('log entry: bad');
      expect(await store.size()).toBe(1);
      expect(await store.extent()).toEqual({ entries: 1, leafHashes: 1 });
    });
  });
}
