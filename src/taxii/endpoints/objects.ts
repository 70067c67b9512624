import type { Context } from 'hono';
import { requireCollection } from '../collection-access.ts';
import { parseFilters } from '../filters.ts';
import { pagePrefix, setDateAddedBounds, taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';

/** `GET {root}/collections/{id}/objects/` (TAXII 2.1 §5.3): an envelope of matching object versions. */
export async function getObjects(c: Context<TaxiiEnv>): Promise<Response> {
  const { collection } = await requireCollection(c, 'read');
  const filters = parseFilters(new URL(c.req.url), ['added_after', 'limit', 'next', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]']);
  // The stored JSON texts come back already joined: no parse/stringify round trip and no record per object.
  const page = await c.var.store.objects.queryText({ collection: collection.id, ...filters });
  setDateAddedBounds(c, page.firstAdded, page.lastAdded);
  const objects = page.count === 0 ? '' : `,"objects":[${page.json}]`;
  return taxiiJson(c, `${pagePrefix(page.more, page.next)}${objects}}`);
}
