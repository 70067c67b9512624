import type { Context } from 'hono';
import { ParleyError } from '../../errors.ts';
import { requireCollection } from '../collection-access.ts';
import { parseFilters } from '../filters.ts';
import { pagePrefix, setDateAddedHeaders, taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';

/** `GET {root}/collections/{id}/objects/{object-id}/` (TAXII 2.1 §5.5); 404 when the object is not there at all. */
export async function getObject(c: Context<TaxiiEnv>): Promise<Response> {
  const { collection } = await requireCollection(c, 'read');
  const id = c.req.param('object') ?? '';
  const filters = parseFilters(new URL(c.req.url), ['added_after', 'limit', 'next', 'match[version]', 'match[spec_version]']);
  const page = await c.var.store.objects.query({ collection: collection.id, ...filters, ids: [id] });
  if (page.objects.length === 0 && !(await exists(c, collection.id, id))) throw new ParleyError('NOT_FOUND', `no object ${id} in this collection`);
  setDateAddedHeaders(c, page.objects);
  const objects = page.objects.length === 0 ? '' : `,"objects":[${page.objects.map((o) => o.json).join(',')}]`;
  return taxiiJson(c, `${pagePrefix(page.more, page.next)}${objects}}`);
}

/** `DELETE {root}/collections/{id}/objects/{object-id}/` (TAXII 2.1 §5.6): needs write; 404 when nothing matched. */
export async function deleteObject(c: Context<TaxiiEnv>): Promise<Response> {
  const { collection } = await requireCollection(c, 'write');
  const id = c.req.param('object') ?? '';
  const filters = parseFilters(new URL(c.req.url), ['match[version]', 'match[spec_version]']);
  const deleted = await c.var.store.objects.delete(collection.id, id, filters.versions, filters.specVersions);
  if (deleted === 0) throw new ParleyError('NOT_FOUND', `no matching version of ${id} in this collection`);
  c.var.log.info({ collection: collection.id, object: id, deleted }, 'object deleted');
  return c.body(null, 200);
}

/** True when any version of the object is stored in the collection. */
export async function exists(c: Context<TaxiiEnv>, collection: string, id: string): Promise<boolean> {
  const page = await c.var.store.objects.query({ collection, ids: [id], versions: { last: false, first: false, all: true, at: [] }, limit: 1 });
  return page.objects.length > 0;
}
