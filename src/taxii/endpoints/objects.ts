import type { Context } from 'hono';
import { requireCollection } from '../collection-access.ts';
import { parseFilters } from '../filters.ts';
import { pagePrefix, setDateAddedHeaders, taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';

/** `GET {root}/collections/{id}/objects/` (TAXII 2.1 §5.3): an envelope of matching object versions. */
export async function getObjects(c: Context<TaxiiEnv>): Promise<Response> {
  const { collection } = await requireCollection(c, 'read');
  const filters = parseFilters(new URL(c.req.url), ['added_after', 'limit', 'next', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]']);
  const page = await c.var.store.objects.query({ collection: collection.id, ...filters });
  setDateAddedHeaders(c, page.objects);
  // The stored JSON text is spliced in as is: no parse/stringify round trip per object.
  const objects = page.objects.length === 0 ? '' : `,"objects":[${page.objects.map((o) => o.json).join(',')}]`;
  return taxiiJson(c, `${pagePrefix(page.more, page.next)}${objects}}`);
}
