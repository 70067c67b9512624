import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { TaxiiEnv } from '../taxii/taxii-env.ts';
import { mountPartyRecord } from './party-route.ts';
import type { ParleyNode } from './parley-node.ts';

/**
 * Mounts the hotline on the node's app: the published party record at `/api/party` (no authentication), then the
 * JSON API from `src/api/api-routes.ts` under `/api/` when that module exists.
 */
export async function mountHotline(app: Hono<TaxiiEnv>, node: ParleyNode): Promise<void> {
  (await hotlineMounter(node))(app);
}

/**
 * The same mount, prepared ahead (the API module loaded) so that it can run synchronously in `createNodeServer`'s
 * `mount` hook, before the server accepts a request: Hono refuses new routes once it has routed one, and a node
 * restarting under a counterpart's retries gets a request at once.
 */
export async function hotlineMounter(node: ParleyNode): Promise<(app: Hono<TaxiiEnv>) => void> {
  const module = new URL('../api/api-routes.ts', import.meta.url);
  const api = existsSync(fileURLToPath(module))
    ? ((await import(module.href)) as { createApiRoutes: (n: ParleyNode) => Hono }).createApiRoutes
    : undefined;
  return (app) => {
    mountPartyRecord(app as unknown as Hono, node);
    if (api) (app as unknown as Hono).route('/api', api(node));
  };
}
