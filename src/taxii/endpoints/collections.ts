import type { Context } from 'hono';
import { requireApiRoot, visibleCollections, type VisibleCollection } from '../collection-access.ts';
import { taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';

/** The TAXII collection resource (§5.2) as one account sees it. */
export function collectionResource(v: VisibleCollection): Record<string, unknown> {
  return {
    id: v.collection.id,
    title: v.collection.title,
    ...(v.collection.description ? { description: v.collection.description } : {}),
    can_read: v.canRead,
    can_write: v.canWrite,
    media_types: v.collection.mediaTypes,
  };
}

/** `GET {root}/collections/` (TAXII 2.1 §5.1): the collections this account has any right on. */
export async function getCollections(c: Context<TaxiiEnv>): Promise<Response> {
  const visible = await visibleCollections(c, await requireApiRoot(c));
  return taxiiJson(c, visible.length === 0 ? {} : { collections: visible.map(collectionResource) });
}
