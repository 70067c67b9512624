import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';

const count = (store: SqliteStore) => store.gate.read((db) => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM taxii_collections').get()!.n);

/** A transaction that adds one collection and then holds the connection until `release` is called. */
function heldTransaction(store: SqliteStore): { ready: Promise<void>; release: () => void; done: Promise<void> } {
  let release!: () => void;
  let ready!: () => void;
  const readyPromise = new Promise<void>((r) => (ready = r));
  const done = store.transaction(async () => {
    await store.collections.addCollection({ title: 'pending' });
    await new Promise<void>((r) => {
      release = r;
      ready();
    });
  });
  return { ready: readyPromise, release: () => release(), done };
}

describe('ConnectionGate reads', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const openFileStore = () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-gate-'));
    const store = openSqliteStore(dir);
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return store;
  };

  it('answers a read at once, from the last commit, while a transaction is open elsewhere', async () => {
    const store = openFileStore();
    const held = heldTransaction(store);
    await held.ready;
    let waited = false;
    const run = store.gate.run(() => (waited = true));
    // The read resolves while the transaction still holds the connection; a plain run is still waiting.
    expect(await count(store)).toBe(0);
    expect(waited).toBe(false);
    held.release();
    await Promise.all([held.done, run]);
    expect(waited).toBe(true);
    expect(await count(store)).toBe(1);
  });

  it('reads inside a transaction see its own writes', async () => {
    const store = openFileStore();
    await store.transaction(async () => {
      await store.collections.addCollection({ title: 'mine' });
      expect(await count(store)).toBe(1);
      expect((await store.collections.collections()).map((c) => c.title)).toEqual(['mine']);
    });
  });

  it('makes reads wait for the transaction when there is no reader connection (an in-memory store)', async () => {
    const store = openSqliteStore(':memory:');
    cleanups.push(() => store.close());
    const held = heldTransaction(store);
    await held.ready;
    let read: number | undefined;
    const reading = count(store).then((n) => (read = n));
    await new Promise((r) => setTimeout(r, 20));
    expect(read).toBeUndefined();
    held.release();
    await Promise.all([held.done, reading]);
    expect(read).toBe(1);
  });

  it('refuses writes on the reader connection', async () => {
    const store = openFileStore();
    const held = heldTransaction(store);
    await held.ready;
    await expect(store.gate.read((db) => db.prepare("INSERT INTO taxii_node (key, value) VALUES ('x', 'y')").run())).rejects.toThrow(/readonly/);
    held.release();
    await held.done;
  });
});

describe('ConnectionGate failures', () => {
  it('rolls back a transaction marked failed and rejects with the first error marked, however its function ends', async () => {
    const store = openSqliteStore(':memory:');
    const first = new Error('first');
    await expect(store.transaction(async () => {
      await store.collections.addCollection({ title: 'undone' });
      store.gate.fail(first);
      store.gate.fail(new Error('second'));
      return 'ended normally';
    })).rejects.toBe(first);
    expect(await count(store)).toBe(0);
    // A function that then fails in its own way still rejects with the failure marked first.
    const marked = new Error('marked');
    await expect(store.transaction(async () => {
      store.gate.fail(marked);
      throw new Error('later');
    })).rejects.toBe(marked);
    // Outside a transaction there is nothing to mark; the next transaction starts clean and commits.
    store.gate.fail(new Error('ignored'));
    await store.transaction(() => store.collections.addCollection({ title: 'kept' }));
    expect(await count(store)).toBe(1);
    await store.close();
  });
});
