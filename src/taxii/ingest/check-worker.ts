// Worker thread entry: checks POST bodies (JSON.parse, STIX validation, serialisation) off the SQLite thread.
import { parentPort } from 'node:worker_threads';
import { ParleyError } from '../../errors.ts';
import { checkEnvelope } from './check-envelope.ts';
import { packEnvelope } from './packed-envelope.ts';

/** A request from the pool: one POST body, as text or as UTF-8 bytes transferred to this thread. */
export interface CheckRequest { job: number; body: string | Uint8Array }

parentPort?.on('message', ({ job, body }: CheckRequest) => {
  try {
    const { packed, transfer } = packEnvelope(checkEnvelope(body), typeof body === 'string' ? undefined : body);
    parentPort!.postMessage({ job, result: packed }, transfer);
  } catch (error) {
    const code = error instanceof ParleyError ? error.code : 'INTERNAL';
    parentPort!.postMessage({ job, error: { code, message: error instanceof Error ? error.message : String(error) } });
  }
});
