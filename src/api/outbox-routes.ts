import { Hono } from 'hono';
import { ParleyError } from '../errors.ts';
import type { ApiEnv } from './api-env.ts';
import type { ApiReadNode } from './api-node.ts';

/** `GET /outbox`: the deliveries of the node's outbox; 404 while the node has no outbox. */
export function outboxRoutes(node: ApiReadNode): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/outbox', async (c) => {
    if (!node.outbox) throw new ParleyError('NOT_FOUND', 'this node has no outbox yet: deliveries are not tracked');
    return c.json(await node.outbox.deliveries());
  });
  return app;
}
