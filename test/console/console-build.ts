import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIST } from '../../src/api/console-static.ts';
import { runProcess } from '../parley-process.ts';

const SOURCES = 'web/src';
const LOCK = 'web/.console-build.lock';

/** The latest modification time of the files under `dir` (a stale console build is rebuilt). */
function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((newest, e) => Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
}

function isFresh(): boolean {
  const index = join(CONSOLE_DIST, 'index.html');
  return existsSync(index) && newestSource(SOURCES) <= statSync(index).mtimeMs;
}

/** Takes the build lock (a file holding our pid); a lock left by a process that is gone is taken over. */
function tryLock(): boolean {
  try {
    const fd = openSync(LOCK, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch {
    const holder = Number(readFileSync(LOCK, 'utf8') || 'NaN');
    try {
      if (Number.isInteger(holder)) process.kill(holder, 0);
      return false;
    } catch {
      rmSync(LOCK, { force: true });
      return false;
    }
  }
}

/**
 * Builds the console into web/dist unless a build newer than web/src is there. Test files run two at a time and
 * vite empties web/dist first, so one build at a time: the others wait on the lock (at most `ms`), then reuse it.
 */
export async function ensureConsoleBuilt(ms = 150_000): Promise<void> {
  const until = Date.now() + ms;
  while (!isFresh()) {
    if (tryLock()) {
      try {
        if (!isFresh()) {
          const build = await runProcess(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'web'], { timeout: 120_000 });
          if (build.status !== 0) throw new Error(`vite build web failed: ${build.stderr}`);
        }
      } finally {
        rmSync(LOCK, { force: true });
      }
      return;
    }
    if (Date.now() > until) throw new Error(`the console build did not finish within ${ms} ms (lock ${LOCK})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
