import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, Errors, ParleyError } from '../../errors.ts';
import type { CheckedEnvelope } from './check-envelope.ts';
import type { EnvelopeChecker } from './envelope-checker.ts';
import { type PackedEnvelope, unpackEnvelope } from './packed-envelope.ts';

type Reply = { job: number; result: PackedEnvelope } | { job: number; error: { code: string; message: string } };
interface Pending { resolve: (result: CheckedEnvelope) => void; reject: (error: Error) => void }

/**
 * Checks POST bodies on `size` worker threads (parse + validate + serialise), so that on a multi-core machine the
 * SQLite thread commits one request while a worker checks the next. Jobs go to the worker with the fewest pending.
 * A worker that dies rejects its pending checks with INTERNAL and is replaced.
 */
export function createWorkerChecker(size: number): EnvelopeChecker {
  // The sources are TypeScript: each worker registers tsx's loader (resolved from here, so any working directory
  // will do) and then imports the entry module.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./check-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  let nextJob = 0;
  let closed = false;
  const workers = Array.from({ length: Math.max(1, size) }, () => start());

  function start(): { worker: Worker; pending: Map<number, Pending> } {
    const slot = { worker: new Worker(bootstrap, { eval: true }), pending: new Map<number, Pending>() };
    slot.worker.unref();
    slot.worker.on('message', (reply: Reply) => {
      const job = slot.pending.get(reply.job);
      if (!job) return;
      slot.pending.delete(reply.job);
      if ('result' in reply) job.resolve(unpackEnvelope(reply.result));
      else job.reject(new ParleyError(reply.error.code in Errors ? (reply.error.code as ErrorCode) : 'INTERNAL', reply.error.message));
    });
    const fail = (error: unknown) => {
      for (const job of slot.pending.values()) job.reject(new ParleyError('INTERNAL', 'the validation worker stopped', error));
      slot.pending.clear();
      if (!closed) workers[workers.indexOf(slot)] = start();
    };
    slot.worker.once('error', fail);
    slot.worker.once('exit', (code) => code !== 0 && fail(new Error(`exit ${code}`)));
    return slot;
  }

  return Object.freeze({
    check(body: string | Uint8Array): Promise<CheckedEnvelope> {
      if (closed) return Promise.reject(new ParleyError('UNAVAILABLE', 'the node is shutting down'));
      const slot = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const job = nextJob++;
      return new Promise<CheckedEnvelope>((resolve, reject) => {
        slot.pending.set(job, { resolve, reject });
        // Bytes that own their whole buffer (readBodyBytes) move to the worker without a copy; others are copied.
        const owned = typeof body !== 'string' && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
        slot.worker.postMessage({ job, body }, owned ? [body.buffer as ArrayBuffer] : []);
      });
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  });
}
