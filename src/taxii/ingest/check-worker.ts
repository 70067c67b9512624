// Worker thread entry: checks POST bodies (JSON.parse, STIX validation, serialisation) off the SQLite thread.
import { parentPort } from 'node:worker_threads';
import { ParleyError } from '../../errors.ts';
import { checkEnvelope } from './check-envelope.ts';

/** A request from the pool: the body text of one POST. */
export interface CheckRequest { job: number; text: string }

parentPort?.on('message', ({ job, text }: CheckRequest) => {
  try {
    parentPort!.postMessage({ job, result: checkEnvelope(text) });
  } catch (error) {
    const code = error instanceof ParleyError ? error.code : 'INTERNAL';
    parentPort!.postMessage({ job, error: { code, message: error instanceof Error ? error.message : String(error) } });
  }
});
