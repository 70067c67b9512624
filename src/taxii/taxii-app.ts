import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { ParleyError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { authenticate } from './authenticate.ts';
import { getApiRoot } from './endpoints/api-root.ts';
import { addObjects } from './endpoints/add-objects.ts';
import { getCollection } from './endpoints/collection.ts';
import { getCollections } from './endpoints/collections.ts';
import { getDiscovery } from './endpoints/discovery.ts';
import { getManifest } from './endpoints/manifest.ts';
import { deleteObject, getObject } from './endpoints/object.ts';
import { getObjects } from './endpoints/objects.ts';
import { getStatus } from './endpoints/status.ts';
import { getVersions } from './endpoints/versions.ts';
import { taxiiError } from './errors.ts';
import { TAXII_MEDIA_TYPE } from './media-types.ts';
import { acceptsTaxii } from './negotiate.ts';
import type { InboxHandler } from './inbox-handler.ts';
import type { NodeInfo, TaxiiEnv } from './taxii-env.ts';

/** What the node's HTTP app needs. */
export interface TaxiiAppOptions {
  store: Store;
  node: NodeInfo;
  logger: Logger;
  /** The hotline node's inbox collection hook (node runtime). */
  inbox?: InboxHandler;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Builds the node's Hono app: `/healthz` and the TAXII 2.1 API under `/taxii2/`. Other route groups (the hotline
 * API under `/api/`, the console under `/`) are mounted on the returned app with `app.route(...)`.
 */
export function createTaxiiApp(options: TaxiiAppOptions): Hono<TaxiiEnv> {
  const app = new Hono<TaxiiEnv>({ strict: true });
  app.use('*', async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const started = performance.now();
    c.set('store', options.store);
    c.set('node', options.node);
    c.set('inbox', options.inbox);
    c.set('requestId', requestId);
    c.set('log', options.logger.child({ requestId }));
    c.header('X-Request-Id', requestId);
    await next();
    // Never log headers: Authorization carries secrets.
    c.var.log.info({ method: c.req.method, path: c.req.path, status: c.res.status, account: c.var.account, ms: Math.round(performance.now() - started) }, 'request');
  });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.use('/taxii2/*', async (c, next) => {
    if (!acceptsTaxii(c.req.header('accept'))) throw new ParleyError('NOT_ACCEPTABLE', `this server answers only ${TAXII_MEDIA_TYPE}`);
    await next();
  });
  app.use('/taxii2/*', authenticate(options.store));
  app.get('/taxii2/', getDiscovery);
  app.get('/taxii2/:root/', getApiRoot);
  app.get('/taxii2/:root/status/:status/', getStatus);
  app.get('/taxii2/:root/collections/', getCollections);
  app.get('/taxii2/:root/collections/:id/', getCollection);
  app.get('/taxii2/:root/collections/:id/objects/', getObjects);
  app.post('/taxii2/:root/collections/:id/objects/', addObjects);
  app.get('/taxii2/:root/collections/:id/objects/:object/', getObject);
  app.delete('/taxii2/:root/collections/:id/objects/:object/', deleteObject);
  app.get('/taxii2/:root/collections/:id/objects/:object/versions/', getVersions);
  app.get('/taxii2/:root/collections/:id/manifest/', getManifest);
  app.notFound(() => {
    throw new ParleyError('NOT_FOUND', 'no such resource');
  });
  app.onError((error, c) => {
    const { status, body } = taxiiError(error, c.var.requestId ?? '');
    if (status >= 500) c.var.log?.error({ err: error }, 'request failed');
    return c.body(JSON.stringify(body), status as 400, { 'Content-Type': TAXII_MEDIA_TYPE });
  });
  return app;
}
