import { Hono } from 'hono';
import type { ParleyNode } from '../node/parley-node.ts';

/** The hotline JSON API (minimal mount point: the API engineer replaces this module). `GET /api/node`: own party. */
export function createApiRoutes(node: ParleyNode): Hono {
  const api = new Hono();
  api.get('/node', async (c) => c.json({ party: (await node.store.hotline.getOwnParty()) ?? node.self }));
  return api;
}
