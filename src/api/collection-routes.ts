import { Hono } from 'hono';
import { ParleyError } from '../errors.ts';
import type { ApiEnv } from './api-env.ts';
import type { ApiReadNode } from './api-node.ts';

const LATEST = Object.freeze({ last: true, first: false, all: false, at: Object.freeze([]) });
const TYPE = /^[a-z0-9][a-z0-9-]{1,249}$/;

/** Reads `?limit=` (1-1000, default 100). */
export function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') return 100;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ParleyError('BAD_REQUEST', 'limit must be an integer from 1 to 1000');
  return limit;
}

/**
 * `GET /collections` and `GET /collections/:id/objects?type=&limit=` for the evidence picker. Every collection
 * of the node is listed: operators work for the node itself, which may read all of its own collections.
 */
export function collectionRoutes(node: ApiReadNode): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/collections', async (c) => {
    const collections = await node.store.collections.collections();
    return c.json(collections.map((col) => ({ id: col.id, title: col.title, description: col.description ?? '' })));
  });
  app.get('/collections/:id/objects', async (c) => {
    const id = c.req.param('id');
    const type = c.req.query('type');
    if (type !== undefined && type !== '' && !TYPE.test(type)) throw new ParleyError('BAD_REQUEST', `type "${type}" is not a STIX type name`);
    const limit = parseLimit(c.req.query('limit'));
    if (!(await node.store.collections.collection(id))) throw new ParleyError('NOT_FOUND', `no collection ${id}`);
    const page = await node.store.objects.query({ collection: id, versions: LATEST, limit, ...(type ? { types: [type] } : {}) });
    return c.json(page.objects.map((v) => JSON.parse(v.json) as unknown));
  });
  return app;
}
