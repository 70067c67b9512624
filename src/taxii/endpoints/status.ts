import type { Context } from 'hono';
import { ParleyError } from '../../errors.ts';
import { requireApiRoot } from '../collection-access.ts';
import { taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';

/** `GET {root}/status/{id}/` (TAXII 2.1 §4.3): only the account that made the request may read its status. */
export async function getStatus(c: Context<TaxiiEnv>): Promise<Response> {
  const root = await requireApiRoot(c);
  const found = await c.var.store.statuses.get(root.name, c.req.param('status') ?? '');
  if (!found || found.account !== c.var.account) throw new ParleyError('NOT_FOUND', 'no such status resource');
  return taxiiJson(c, found.status);
}
