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
  mountPartyRecord(app as unknown as Hono, node);
  const routes = new URL('../api/api-routes.ts', import.meta.url);
  if (existsSync(fileURLToPath(routes))) {
    const { createApiRoutes } = (await import(routes.href)) as { createApiRoutes: (n: ParleyNode) => Hono };
    (app as unknown as Hono).route('/api', createApiRoutes(node));
  }
  // The console (A2's module) is mounted last: it serves web/dist at `/`.
  const consoleModule = new URL('../api/console-static.ts', import.meta.url);
  if (existsSync(fileURLToPath(consoleModule))) {
    const { serveConsole } = (await import(consoleModule.href)) as { serveConsole: (a: Hono) => void };
    serveConsole(app as unknown as Hono);
  }
}
