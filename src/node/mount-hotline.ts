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
  mountPartyRecord(app as unknown as Hono, node);
  const module = new URL('../api/api-routes.ts', import.meta.url);
  if (!existsSync(fileURLToPath(module))) return;
  const { createApiRoutes } = (await import(module.href)) as { createApiRoutes: (n: ParleyNode) => Hono };
  (app as unknown as Hono).route('/api', createApiRoutes(node));
}
