import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';

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
});
