import { Hono } from 'hono';
import { ParleyError } from '../errors.ts';
import { decodeLogEntry } from '../ledger/log-entry.ts';
import { leafHash } from '../ledger/merkle.ts';
import type { ApiEnv } from './api-env.ts';
import type { ApiReadNode } from './api-node.ts';

function integerParam(value: string | undefined, name: string, fallback?: number): number {
  if ((value === undefined || value === '') && fallback !== undefined) return fallback;
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isSafeInteger(n) || n < 0) throw new ParleyError('BAD_REQUEST', `${name} must be a non-negative integer`);
  return n;
}

/** `GET /log/checkpoint`, `GET /log/inclusion?index=&size=`, `GET /log/consistency?from=&to=` (proof hashes in base64). */
export function logRoutes(node: ApiReadNode): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const b64 = (hashes: Buffer[]) => hashes.map((h) => h.toString('base64'));

  app.get('/log/checkpoint', async (c) => {
    const size = await node.log.size();
    const latest = (await node.store.log.latestCheckpoint())?.checkpoint;
    // A stored checkpoint that no longer covers the whole log is stale: sign one of the current tree.
    return c.json(latest !== undefined && latest.tree_size === size ? latest : await node.log.checkpoint());
  });

  app.get('/log/inclusion', async (c) => {
    const current = await node.log.size();
    const index = integerParam(c.req.query('index'), 'index');
    const size = integerParam(c.req.query('size'), 'size', current);
    if (size > current) throw new ParleyError('NOT_FOUND', `the log has ${current} entries, not ${size}`);
    if (index >= size) throw new ParleyError('BAD_REQUEST', `index ${index} is not below size ${size}`);
    const [leaf] = await node.store.log.entries(index, index + 1);
    if (!leaf) throw new ParleyError('NOT_FOUND', `the log has no entry ${index}`);
    const decoded = decodeLogEntry(leaf.bytes);
    return c.json({
      index, tree_size: size, root_hash: (await node.log.root(size)).toString('base64'),
      leaf_hash: leafHash(leaf.bytes).toString('base64'), entry: 'entry' in decoded ? decoded.entry : null,
      proof: b64(await node.log.inclusionProof(index, size)),
    });
  });

  app.get('/log/consistency', async (c) => {
    const current = await node.log.size();
    const from = integerParam(c.req.query('from'), 'from');
    const to = integerParam(c.req.query('to'), 'to', current);
    if (to > current) throw new ParleyError('NOT_FOUND', `the log has ${current} entries, not ${to}`);
    if (from > to) throw new ParleyError('BAD_REQUEST', `from ${from} is above to ${to}`);
    return c.json({
      from, to, from_root: (await node.log.root(from)).toString('base64'), to_root: (await node.log.root(to)).toString('base64'),
      proof: b64(await node.log.consistencyProof(from, to)),
    });
  });
  return app;
}
