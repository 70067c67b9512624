import type { Hono } from 'hono';
import type { ParleyNode } from './parley-node.ts';

/** `GET /api/party` without authentication: the node's published party record (what `parley party add URL` fetches). */
export function mountPartyRecord(app: Hono<never> | Hono, node: ParleyNode): void {
  (app as Hono).get('/api/party', async (c) => c.json((await node.store.hotline.getOwnParty()) ?? node.self));
}
