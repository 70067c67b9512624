import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A worker thread that checkpoints a WAL database so that the writing thread does not. */
export interface BackgroundCheckpointer {
  /** Checkpoints run so far, and how many of them were followed by a sync of the database file. */
  counts(): Readonly<{ checkpoints: number; syncs: number }>;
  /** Stops the worker after its current checkpoint; resolves once its connection is closed. */
  stop(): Promise<void>;
}

/** How often the worker checkpoints, and the writer's own fallback threshold (pages) should the worker fall behind. */
export const CHECKPOINT_INTERVAL_MS = 50;
export const WRITER_FALLBACK_CHECKPOINT_PAGES = 16_384;

// Plain CommonJS: the worker needs only the driver, not the TypeScript sources (tsx costs ~0.3 s per thread start).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('synchronous = NORMAL');
const counts = new Int32Array(workerData.counts);
const file = fs.statSync(workerData.path);
const isFile = (fd) => { try { const s = fs.fstatSync(fd); return s.ino === file.ino && s.dev === file.dev; } catch { return false; } };
// A descriptor SQLite holds on the database file. Never one of our own: closing it would drop every POSIX lock
// this process holds on the file, SQLite's included (sqlite.org/howtocorrupt.html, 2.2).
let fd;
const descriptor = () => {
  if (fd !== undefined && isFile(fd)) return fd;
  fd = undefined;
  for (const dir of ['/proc/self/fd', '/dev/fd']) {
    let names;
    try { names = fs.readdirSync(dir); } catch { continue; }
    fd = names.map(Number).find((n) => Number.isInteger(n) && isFile(n));
    if (fd !== undefined) return fd;
  }
  return undefined;
};
let copied = 0;
const checkpoint = () => {
  // PASSIVE never waits for or blocks readers and writers: it copies the frames no reader still needs.
  const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
  Atomics.add(counts, 0, 1);
  // SQLite syncs the database file only when a checkpoint copies the whole WAL and no commit came meanwhile. Under a
  // steady ingest almost none does: the copied pages stayed dirty until the writer's fallback checkpoint synced all
  // of them (64 MiB, 30-50 ms on the request thread). Syncing here keeps that work on this thread.
  if (checkpointed !== copied && log > 0) {
    const target = descriptor();
    if (target !== undefined) { fs.fdatasyncSync(target); Atomics.add(counts, 1, 1); }
  }
  copied = checkpointed;
};
const timer = setInterval(() => {
  try { checkpoint(); } catch (error) { parentPort.postMessage({ error: String(error) }); }
}, workerData.interval);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Starts checkpointing `path` (a WAL database) every CHECKPOINT_INTERVAL_MS on its own thread and connection.
 * SQLite's automatic checkpoint otherwise runs inside the COMMIT that crosses 1,000 WAL pages, on the writer's thread,
 * including two fsyncs; under ingest that was half the commit time. The caller raises its connection's
 * `wal_autocheckpoint` to WRITER_FALLBACK_CHECKPOINT_PAGES so the WAL stays bounded even if this thread stalls.
 */
export function startBackgroundCheckpointer(path: string, onError: (message: string) => void = () => {}): BackgroundCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const counts = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path, interval: CHECKPOINT_INTERVAL_MS, counts: counts.buffer } });
  worker.unref();
  worker.on('message', (message: { error?: string }) => message.error && onError(message.error));
  worker.on('error', (error) => onError(String(error)));
  const exited = once(worker, 'exit').then(() => undefined);
  return Object.freeze({
    counts: () => Object.freeze({ checkpoints: Atomics.load(counts, 0), syncs: Atomics.load(counts, 1) }),
    stop: async () => {
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  });
}
