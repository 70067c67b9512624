import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLog } from '../src/ledger/verify-log.ts';
import { openSqliteDatabase } from '../src/store/sqlite/database.ts';
import { SqliteLogStore } from '../src/store/sqlite/sqlite-log-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts the appender and SIGKILLs it once it has reported `batches` batches (or after 20 s at most). */
function appendThenKill(path: string, batches: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/append-until-killed.ts'), path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      const counts = [...chunk.toString().matchAll(/appended (\d+)/g)].map((m) => Number(m[1]));
      if (counts.some((c) => c >= batches)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`appender ended without being killed (${signal ?? _code})`));
    });
  });
}

describe('ledger under a crash', () => {
  it('leaves no half-written leaf when the appending process is killed mid-stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
    dirs.push(dir);
    const path = join(dir, 'node.db');
    await appendThenKill(path, 300);
    const db = openSqliteDatabase(path);
    const store = new SqliteLogStore(db);
    const size = await store.size();
    expect(size).toBeGreaterThan(300);
    expect(await store.extent()).toEqual({ entries: size, leafHashes: size });
    expect(await verifyLog(store, { publicKeyFor: () => undefined })).toEqual({ ok: true, size, checkpoints: 0, findings: [] });
    db.close();
  });
});
