import type { Context } from 'hono';
import { renderMicros } from '../../store/timestamp.ts';
import { requireCollection } from '../collection-access.ts';
import { parseFilters } from '../filters.ts';
import { pagePrefix, setDateAddedHeaders, taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';

/** `GET {root}/collections/{id}/manifest/` (TAXII 2.1 §5.3): id, date_added, version, media_type per version. */
export async function getManifest(c: Context<TaxiiEnv>): Promise<Response> {
  const { collection } = await requireCollection(c, 'read');
  const filters = parseFilters(new URL(c.req.url), ['added_after', 'limit', 'next', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]']);
  const page = await c.var.store.objects.query({ collection: collection.id, ...filters });
  setDateAddedHeaders(c, page.objects);
  const records = page.objects.map((o) => ({ id: o.id, date_added: renderMicros(o.dateAdded), version: o.version, media_type: o.mediaType }));
  const body = records.length === 0 ? '' : `,"objects":${JSON.stringify(records)}`;
  return taxiiJson(c, `${pagePrefix(page.more, page.next)}${body}}`);
}
