import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreparedObject } from '../prepared-object.ts';
import { prepareObject } from '../prepared-object.ts';
import { PUT_SLICE } from './sqlite-object-store.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';

const object = (n: number): PreparedObject => prepareObject({
  type: 'identity', spec_version: '2.1', id: `identity--00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: `party ${n}`,
});

/** Three slices of objects, one of which (in the third slice) the table refuses: json is NOT NULL. */
function failingInThirdSlice(): PreparedObject[] {
  const objects = Array.from({ length: PUT_SLICE * 3 }, (_, n) => object(n));
  objects[PUT_SLICE * 2 + 5] = { ...objects[PUT_SLICE * 2 + 5]!, json: null as unknown as string };
  return objects;
}

describe('SqliteObjectStore large puts', () => {
  let dir: string | undefined;
  let store: SqliteStore | undefined;
  afterEach(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    store = undefined;
    dir = undefined;
  });
  /** A file store (so it has a reader connection) with one empty collection. */
  const openCollection = async (): Promise<{ store: SqliteStore; id: string }> => {
    dir = mkdtempSync(join(tmpdir(), 'parley-put-'));
    store = openSqliteStore(dir);
    return { store, id: (await store.collections.addCollection({ title: 'c' })).id };
  };

  it('writes in slices, lets the event loop run between them and reads see only the commit', async () => {
    const { store, id } = await openCollection();
    const objects = Array.from({ length: PUT_SLICE * 4 }, (_, n) => object(n));
    let turns = 0;
    const seen: number[] = [];
    const ticking = setInterval(() => turns++, 0);
    const put = store.objects.putPrepared(id, objects);
    // A read issued while the put is under way runs between slices, on the state before the put.
    const during = store.objects.count(id).then((n) => seen.push(n));
    await put;
    clearInterval(ticking);
    await during;
    expect(seen).toEqual([0]);
    expect(turns).toBeGreaterThan(0);
    expect(await store.objects.count(id)).toBe(PUT_SLICE * 4);
  });

  it('rolls back every slice when a later one fails', async () => {
    const { store, id } = await openCollection();
    await expect(store.objects.putPrepared(id, failingInThirdSlice())).rejects.toThrow(/NOT NULL/);
    expect(await store.objects.count(id)).toBe(0);
  });

  it('inside a caller\'s transaction, undoes only the failed put, and the caller may go on', async () => {
    const { store, id } = await openCollection();
    await store.transaction(async () => {
      await store.objects.putPrepared(id, [object(100_000)]);
      await expect(store.objects.putPrepared(id, failingInThirdSlice())).rejects.toThrow(/NOT NULL/);
      await store.objects.putPrepared(id, [object(100_001)]);
    });
    expect(await store.objects.count(id)).toBe(2);
  });

  it('inside a caller\'s transaction with undo "transaction", a failed put undoes all of it, even if the caller goes on', async () => {
    const { store, id } = await openCollection();
    const savepoints: string[] = [];
    const exec = store.sqlite.exec.bind(store.sqlite);
    store.sqlite.exec = (sql: string) => (sql.startsWith('SAVEPOINT') && savepoints.push(sql), exec(sql));
    await expect(store.transaction(async () => {
      await store.objects.putPrepared(id, [object(100_000)]);
      savepoints.length = 0;
      await expect(store.objects.putPrepared(id, failingInThirdSlice(), { undo: 'transaction' })).rejects.toThrow(/NOT NULL/);
      expect(savepoints).toEqual([]);
      await store.objects.putPrepared(id, [object(100_001)]);
    })).rejects.toThrow(/NOT NULL/);
    expect(await store.objects.count(id)).toBe(0);
    // Succeeding, the put commits with the rest of the caller's transaction; the connection is usable again.
    await store.transaction(async () => {
      savepoints.length = 0;
      await store.objects.putPrepared(id, Array.from({ length: PUT_SLICE * 2 }, (_, n) => object(200_000 + n)), { undo: 'transaction' });
      expect(savepoints).toEqual([]);
      await store.objects.putPrepared(id, [object(100_002)]);
    });
    expect(await store.objects.count(id)).toBe(PUT_SLICE * 2 + 1);
  });
});
