import type { Context } from 'hono';
import { ParleyError } from '../errors.ts';
import type { ApiRoot, Collection } from '../store/collection-store.ts';
import type { TaxiiEnv } from './taxii-env.ts';

/** A collection as one account sees it. */
export interface VisibleCollection {
  root: ApiRoot;
  collection: Collection;
  canRead: boolean;
  canWrite: boolean;
}

/** The API root named in the path, or NOT_FOUND. */
export async function requireApiRoot(c: Context<TaxiiEnv>): Promise<ApiRoot> {
  const root = await c.var.store.collections.apiRoot(c.req.param('root') ?? '');
  if (!root) throw new ParleyError('NOT_FOUND', 'no such API root');
  return root;
}

/** The account's rights on every collection of a root; collections it has no right on are left out. */
export async function visibleCollections(c: Context<TaxiiEnv>, root: ApiRoot): Promise<VisibleCollection[]> {
  const account = await c.var.store.accounts.get(c.var.account);
  const rights = new Map((account?.rights ?? []).map((r) => [r.collection, r]));
  return (await c.var.store.collections.collections(root.name)).flatMap((collection) => {
    const r = rights.get(collection.id);
    return r && (r.canRead || r.canWrite) ? [{ root, collection, canRead: r.canRead, canWrite: r.canWrite }] : [];
  });
}

/**
 * The collection in the path as the account sees it. A collection the account has no right on is NOT_FOUND, as
 * if it did not exist; `need` turns a visible collection without that right into FORBIDDEN.
 */
export async function requireCollection(c: Context<TaxiiEnv>, need: 'read' | 'write' | 'any'): Promise<VisibleCollection> {
  const root = await requireApiRoot(c);
  const id = c.req.param('id') ?? '';
  const found = (await visibleCollections(c, root)).find((v) => v.collection.id === id);
  if (!found) throw new ParleyError('NOT_FOUND', `no collection ${id} in this API root`);
  if (need === 'read' && !found.canRead) throw new ParleyError('FORBIDDEN', 'this account may not read this collection');
  if (need === 'write' && !found.canWrite) throw new ParleyError('FORBIDDEN', 'this account may not write to this collection');
  return found;
}
