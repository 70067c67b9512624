import { existsSync, fstatSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackgroundCheckpointer } from './background-checkpointer.ts';
import { openSqliteDatabase } from './database.ts';
import { openSqliteStore } from './sqlite-store.ts';

/** The process's open descriptors of `path` (Linux), whoever opened them. */
function descriptorsOf(path: string): number {
  const file = statSync(path);
  return readdirSync('/proc/self/fd').filter((name) => {
    try {
      const s = fstatSync(Number(name));
      return s.ino === file.ino && s.dev === file.dev;
    } catch {
      return false;
    }
  }).length;
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('background checkpoints', () => {
  it('copy committed WAL frames into the database on a worker thread while the writer never checkpoints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-ckpt-'));
    dirs.push(dir);
    const store = openSqliteStore(dir, { backgroundCheckpoints: true });
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(16_384);
    const collection = (await store.collections.addCollection({ title: 'c' })).id;
    const objects = Array.from({ length: 500 }, (_, n) => ({
      type: 'identity', spec_version: '2.1', id: `identity--7a1b2c3d-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'x'.repeat(500), identity_class: 'organization',
    }));
    await store.objects.put(collection, objects);
    const dbFile = join(dir, 'parley.db');
    const before = statSync(dbFile).size;
    // Bounded wait: the worker checkpoints every 50 ms; the database file grows once the frames are copied.
    const deadline = Date.now() + 10_000;
    while (statSync(dbFile).size <= before + 200_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(statSync(dbFile).size).toBeGreaterThan(before + 200_000);
    await store.close();
    // SQLite removes the WAL file when the last connection closes: a worker connection left open would keep it.
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    const reopened = openSqliteStore(dir);
    expect(await reopened.objects.count(collection)).toBe(500);
    await reopened.close();
  });

  it('is off by default: the writer keeps SQLite\'s automatic checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-ckpt-'));
    dirs.push(dir);
    const store = openSqliteStore(dir);
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.close();
  });

  it.runIf(existsSync('/proc/self/fd'))('syncs the database file after a checkpoint that copies frames, through a descriptor SQLite holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-ckpt-'));
    dirs.push(dir);
    const path = join(dir, 'x.db');
    const db = openSqliteDatabase(path);
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const checkpointer = startBackgroundCheckpointer(path);
    try {
      // A descriptor of its own would drop this process's POSIX locks on the file when closed: it must open none.
      await until(() => checkpointer.counts().checkpoints > 0);
      expect(descriptorsOf(path)).toBe(2);
      const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
      db.transaction(() => { for (let n = 0; n < 2_000; n++) insert.run('x'.repeat(400)); })();
      // The file grows as the frames are copied; two checkpoints later the one that copied them has synced.
      await until(() => statSync(path).size > 700_000);
      const copiedBy = checkpointer.counts().checkpoints;
      await until(() => checkpointer.counts().checkpoints >= copiedBy + 2);
      expect(checkpointer.counts().syncs).toBeGreaterThan(0);
      expect(descriptorsOf(path)).toBe(2);
      // Idle: nothing new to copy, so no further syncs (the checkpoints go on).
      const { syncs, checkpoints } = checkpointer.counts();
      await until(() => checkpointer.counts().checkpoints >= checkpoints + 4);
      expect(checkpointer.counts()).toEqual({ checkpoints: expect.any(Number), syncs });
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });
});
