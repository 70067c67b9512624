import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { ParleyError } from '../../errors.ts';
import type { TaxiiStatus } from '../../store/status-store.ts';
import { requireCollection } from '../collection-access.ts';
import { isTaxiiContentType } from '../negotiate.ts';
import { readBody } from '../read-body.ts';
import { taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';

/**
 * `POST {root}/collections/{id}/objects/` (TAXII 2.1 §5.4). Every object is validated; valid ones are stored and
 * invalid ones reported as failures in the status. The objects and the status commit in one transaction before
 * the 202 is sent, so a status that says success always describes committed data.
 */
export async function addObjects(c: Context<TaxiiEnv>): Promise<Response> {
  const { root, collection } = await requireCollection(c, 'write');
  if (!isTaxiiContentType(c.req.header('content-type'))) {
    throw new ParleyError('UNSUPPORTED_MEDIA_TYPE', 'send the envelope as application/taxii+json;version=2.1');
  }
  // Parsing, validation and serialisation (inline, or on a worker thread: see createNodeServer's checkThreads).
  const { total, valid, failures } = await c.var.checker.check(await readBody(c, root.maxContentLength));
  const requestTimestamp = new Date().toISOString();
  const store = c.var.store;
  const status = await store.transaction(async () => {
    const outcomes = await store.objects.putPrepared(collection.id, valid);
    const successes = outcomes.map((o) => ({ id: o.id, version: o.version }));
    const result: TaxiiStatus = {
      id: randomUUID(), status: 'complete', request_timestamp: requestTimestamp, total_count: total,
      success_count: successes.length, successes, failure_count: failures.length, failures, pending_count: 0, pendings: [],
    };
    await store.statuses.save(root.name, c.var.account, result);
    return result;
  });
  c.var.log.info({ collection: collection.id, stored: status.success_count, failed: status.failure_count }, 'objects added');
  return taxiiJson(c, status, 202);
}
