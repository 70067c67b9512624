import type { Context } from 'hono';
import { taxiiJson } from '../respond.ts';
import type { TaxiiEnv } from '../taxii-env.ts';

/** `GET /taxii2/` (TAXII 2.1 §4.1): the node's title and API roots, with the default one. */
export async function getDiscovery(c: Context<TaxiiEnv>): Promise<Response> {
  const base = new URL('/taxii2/', c.req.url).href;
  const roots = await c.var.store.collections.apiRoots();
  const defaultRoot = roots.find((r) => r.isDefault);
  return taxiiJson(c, {
    title: c.var.node.title,
    ...(c.var.node.description ? { description: c.var.node.description } : {}),
    ...(c.var.node.contact ? { contact: c.var.node.contact } : {}),
    ...(defaultRoot ? { default: `${base}${defaultRoot.name}/` } : {}),
    api_roots: roots.map((r) => `${base}${r.name}/`),
  });
}
