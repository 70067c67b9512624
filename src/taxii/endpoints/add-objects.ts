import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { ParleyError } from '../../errors.ts';
import { jsonText } from '../../store/prepared-object.ts';
import type { TaxiiStatus } from '../../store/status-store.ts';
import { requireCollection } from '../collection-access.ts';
import { isTaxiiContentType } from '../negotiate.ts';
import { parseEnvelope } from '../ingest/check-envelope.ts';
import { readBodyBytes } from '../read-body.ts';
import { taxiiJson } from '../respond.ts';
import { statusBody } from '../status-body.ts';
import type { InboxHandler } from '../inbox-handler.ts';
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
  const body = await readBodyBytes(c, root.maxContentLength);
  const requestTimestamp = new Date().toISOString();
  const inbox = c.var.inbox;
  if (inbox?.isInbox(collection.id)) return inboxStatus(c, root.name, requestTimestamp, parseEnvelope(jsonText(body)), inbox);
  // Parsing, validation and serialisation (inline, or on a worker thread: see createNodeServer's checkThreads).
  const { total, valid, failures, successesJson } = await c.var.checker.check(body);
  const store = c.var.store;
  const saved = await store.transaction(async () => {
    // Objects and status commit together or not at all: a failed put undoes the whole transaction (no savepoint).
    const outcomes = await store.objects.putPrepared(collection.id, valid, { undo: 'transaction' });
    const status: TaxiiStatus = {
      id: randomUUID(), status: 'complete', request_timestamp: requestTimestamp, total_count: total,
      success_count: outcomes.length, successes: [], failure_count: failures.length, failures, pending_count: 0, pendings: [],
    };
    // Each object reported with the version it stated: the list the check worker rendered is this status's own.
    const asStated = () => outcomes.length === valid.length && outcomes.every((o, i) => o.id === valid[i]!.id && o.version === valid[i]!.stated);
    if (successesJson && asStated()) {
      const bytes = statusBody(status, successesJson);
      await store.statuses.saveBody(root.name, c.var.account, status.id, bytes);
      return { stored: outcomes.length, body: bytes };
    }
    const successes = outcomes.map((o) => ({ id: o.id, version: o.version }));
    // The answer is the stored text: the status (1,000 successes for a full bundle) is serialised once.
    return { stored: outcomes.length, body: await store.statuses.save(root.name, c.var.account, { ...status, successes }) };
  });
  c.var.log.info({ collection: collection.id, stored: saved.stored, failed: failures.length }, 'objects added');
  return taxiiJson(c, saved.body, 202);
}

/** The inbox collection: the hotline verifies and stores the envelope; the status carries its receipts. */
async function inboxStatus(c: Context<TaxiiEnv>, rootName: string, requestTimestamp: string, objects: unknown[], inbox: InboxHandler): Promise<Response> {
  const result = await inbox.accept(objects, { account: c.var.account });
  const status: TaxiiStatus = {
    id: randomUUID(), status: 'complete', request_timestamp: requestTimestamp, total_count: objects.length,
    success_count: result.successes.length, successes: result.successes, failure_count: result.failures.length, failures: result.failures,
    pending_count: 0, pendings: [],
  };
  await c.var.store.statuses.save(rootName, c.var.account, status);
  c.var.log.info({ inbox: true, accepted: status.success_count, failed: status.failure_count }, 'inbox envelope');
  return taxiiJson(c, { ...status, x_parley_receipts: result.receipts }, 202);
}
