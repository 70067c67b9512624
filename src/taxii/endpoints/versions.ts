import type { Context } from 'hono';
import { ParleyError } from '../../errors.ts';
import { requireCollection } from '../collection-access.ts';
import { parseFilters } from '../filters.ts';
import { pagePrefix, setDateAddedHeaders, taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';
import { exists } from './object.ts';

/** `GET {root}/collections/{id}/objects/{object-id}/versions/` (TAXII 2.1 §5.7): every version, date_added order. */
export async function getVersions(c: Context<TaxiiEnv>): Promise<Response> {
  const { collection } = await requireCollection(c, 'read');
  const id = c.req.param('object') ?? '';
  const filters = parseFilters(new URL(c.req.url), ['added_after', 'limit', 'next', 'match[spec_version]']);
  const page = await c.var.store.objects.query({
    collection: collection.id, ...filters, ids: [id], versions: { last: false, first: false, all: true, at: [] },
  });
  if (page.objects.length === 0 && !(await exists(c, collection.id, id))) throw new ParleyError('NOT_FOUND', `no object ${id} in this collection`);
  setDateAddedHeaders(c, page.objects);
  const versions = page.objects.length === 0 ? '' : `,"versions":${JSON.stringify(page.objects.map((o) => o.version))}`;
  return taxiiJson(c, `${pagePrefix(page.more, page.next)}${versions}}`);
}
