import type { Context } from 'hono';
import { requireCollection } from '../collection-access.ts';
import { taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';
import { collectionResource } from './collections.ts';

/** `GET {root}/collections/{id}/` (TAXII 2.1 §5.2). */
export async function getCollection(c: Context<TaxiiEnv>): Promise<Response> {
  return taxiiJson(c, collectionResource(await requireCollection(c, 'any')));
}
