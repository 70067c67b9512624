import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { ParleyError } from '../../errors.ts';
import { validateObject } from '../../stix/validate.ts';
import type { StixObject } from '../../store/object-store.ts';
import type { StatusDetail, TaxiiStatus } from '../../store/status-store.ts';
import { versionKey } from '../../store/timestamp.ts';
import { requireCollection } from '../collection-access.ts';
import { isTaxiiContentType } from '../negotiate.ts';
import { readBody } from '../read-body.ts';
import { taxiiJson } from '../respond.ts';
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
  const objects = parseEnvelope(await readBody(c, root.maxContentLength));
  const requestTimestamp = new Date().toISOString();
  const inbox = c.var.inbox;
  if (inbox?.isInbox(collection.id)) return inboxStatus(c, root.name, requestTimestamp, objects, inbox);
  const valid: StixObject[] = [];
  const failures: StatusDetail[] = [];
  for (const object of objects) {
    const problem = problemWith(object);
    if (problem === undefined) valid.push(object as StixObject);
    else failures.push({ id: stringProp(object, 'id'), version: versionOf(object), message: problem });
  }
  const store = c.var.store;
  const status = await store.transaction(async () => {
    const outcomes = await store.objects.put(collection.id, valid);
    const successes = outcomes.map((o) => ({ id: o.id, version: o.version }));
    const result: TaxiiStatus = {
      id: randomUUID(), status: 'complete', request_timestamp: requestTimestamp, total_count: objects.length,
      success_count: successes.length, successes, failure_count: failures.length, failures, pending_count: 0, pendings: [],
    };
    await store.statuses.save(root.name, c.var.account, result);
    return result;
  });
  c.var.log.info({ collection: collection.id, stored: status.success_count, failed: status.failure_count }, 'objects added');
  return taxiiJson(c, status, 202);
}

/** The inbox collection: the hotline verifies and stores the envelope; the status carries its receipts. */
async function inboxStatus(c: Context<TaxiiEnv>, rootName: string, requestTimestamp: string, objects: unknown[], inbox: InboxHandler): Promise<Response> {
  const result = await inbox.accept(objects);
  const status: TaxiiStatus = {
    id: randomUUID(), status: 'complete', request_timestamp: requestTimestamp, total_count: objects.length,
    success_count: result.successes.length, successes: result.successes, failure_count: result.failures.length, failures: result.failures,
    pending_count: 0, pendings: [],
  };
  await c.var.store.statuses.save(rootName, c.var.account, status);
  c.var.log.info({ inbox: true, accepted: status.success_count, failed: status.failure_count }, 'inbox envelope');
  return taxiiJson(c, { ...status, x_parley_receipts: result.receipts }, 202);
}

function parseEnvelope(text: string): unknown[] {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch (error) {
    throw new ParleyError('MALFORMED_JSON', `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const objects = typeof envelope === 'object' && envelope !== null ? (envelope as { objects?: unknown }).objects : undefined;
  if (!Array.isArray(objects)) throw new ParleyError('BAD_REQUEST', 'the body must be a TAXII envelope with an "objects" list');
  return objects;
}

/** The first reason an object cannot be stored, or undefined. */
function problemWith(object: unknown): string | undefined {
  const result = validateObject(object);
  if (!result.valid) return result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  const o = object as Record<string, unknown>;
  if (typeof o.type !== 'string' || typeof o.id !== 'string') return '$: an object needs a type and an id';
  for (const name of ['modified', 'created']) {
    if (o[name] === undefined) continue;
    try {
      versionKey(String(o[name]));
    } catch {
      return `$.${name}: not an RFC 3339 timestamp`;
    }
  }
  return undefined;
}

function stringProp(object: unknown, name: string): string {
  const value = typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

function versionOf(object: unknown): string {
  return stringProp(object, 'modified') || stringProp(object, 'created');
}
