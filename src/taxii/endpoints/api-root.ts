import type { Context } from 'hono';
import { requireApiRoot } from '../collection-access.ts';
import { TAXII_MEDIA_TYPE } from '../media-types.ts';
import { taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';

/** `GET {root}/` (TAXII 2.1 §4.2): title, versions and max_content_length of the API root. */
export async function getApiRoot(c: Context<TaxiiEnv>): Promise<Response> {
  const root = await requireApiRoot(c);
  return taxiiJson(c, {
    title: root.title,
    ...(root.description ? { description: root.description } : {}),
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: root.maxContentLength,
  });
}
