import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { TaxiiEnv } from '../taxii/taxii-env.ts';
import { mountPartyRecord } from './party-route.ts';
import type { ParleyNode } from './parley-node.ts';

/**
 * Mounts the hotline on the node's app: the published party record at `/api/party` (no authentication), then the
 * JSON API from `src/api/api-routes.ts` under `/api/` and the console from `src/api/console-static.ts`, when
 * those modules exist.
 */
export async function mountHotline(app: Hono<TaxiiEnv>, node: ParleyNode): Promise<void> {
  (await hotlineMounter(node))(app);
}

async function optionalModule<T>(path: string): Promise<T | undefined> {
  const url = new URL(path, import.meta.url);
  return existsSync(fileURLToPath(url)) ? ((await import(url.href)) as T) : undefined;
}

/**
 * The same mount, prepared ahead (the modules loaded) so that it runs synchronously in `createNodeServer`'s `mount`
 * hook, before the server accepts a request: Hono refuses new routes once it has routed one, and a node restarting
 * under a counterpart's retries is asked at once.
 */
export async function hotlineMounter(node: ParleyNode): Promise<(app: Hono<TaxiiEnv>) => void> {
  const api = await optionalModule<{ createApiRoutes: (n: ParleyNode) => Hono }>('../api/api-routes.ts');
  const consoleModule = await optionalModule<{ serveConsole: (a: Hono) => void }>('../api/console-static.ts');
  return (app) => {
    mountPartyRecord(app as unknown as Hono, node);
    if (api) (app as unknown as Hono).route('/api', api.createApiRoutes(node));
    // The console (A2's module) is mounted last: it serves web/dist at `/`.
    consoleModule?.serveConsole(app as unknown as Hono);
  };
}
