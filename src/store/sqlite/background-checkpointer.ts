import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A worker thread that checkpoints a WAL database so that the writing thread does not. */
export interface BackgroundCheckpointer {
  /** Stops the worker after its current checkpoint; resolves once its connection is closed. */
  stop(): Promise<void>;
}

/** How often the worker checkpoints, and the writer's own fallback threshold (pages) should the worker fall behind. */
export const CHECKPOINT_INTERVAL_MS = 50;
export const WRITER_FALLBACK_CHECKPOINT_PAGES = 16_384;

// Plain CommonJS: the worker needs only the driver, not the TypeScript sources (tsx costs ~0.3 s per thread start).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('synchronous = NORMAL');
// PASSIVE never waits for or blocks readers and writers: it copies the frames no reader still needs.
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
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
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path, interval: CHECKPOINT_INTERVAL_MS } });
  worker.unref();
  worker.on('message', (message: { error?: string }) => message.error && onError(message.error));
  worker.on('error', (error) => onError(String(error)));
  const exited = once(worker, 'exit').then(() => undefined);
  return Object.freeze({
    stop: async () => {
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  });
}
