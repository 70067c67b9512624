import { ParleyError } from '../errors.ts';
import type { DeliveryTarget, StixObject } from './delivery-transport.ts';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/** A TAXII collection another node lets us read, with the account it gave us. */
export interface CollectionSource {
  partyId: string;
  apiRoot: string;
  collectionId: string;
  credentials: DeliveryTarget['credentials'];
}

/** One page of a TAXII 2.1 get-objects answer. */
export interface ObjectPage {
  objects: StixObject[];
  more: boolean;
  next?: string;
  /** The `X-TAXII-Date-Added-Last` header: the cursor after this page. */
  dateAddedLast?: string;
}

function authorization(credentials: DeliveryTarget['credentials']): string {
  return credentials.kind === 'bearer' ? `Bearer ${credentials.token}`
    : `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

async function getJson(source: CollectionSource, url: string, signal?: AbortSignal): Promise<{ body: unknown; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: TAXII_MEDIA_TYPE, authorization: authorization(source.credentials) }, signal });
  } catch (error) {
    throw new ParleyError('UNAVAILABLE', `cannot reach ${source.apiRoot}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  const text = await response.text();
  if (response.status === 404) return { body: undefined, headers: response.headers };
  if (response.status !== 200) throw new ParleyError('UNAVAILABLE', `${url} answered HTTP ${response.status}`);
  try {
    return { body: JSON.parse(text) as unknown, headers: response.headers };
  } catch (error) {
    throw new ParleyError('UNAVAILABLE', `${url} answered something that is not JSON`, error);
  }
}

function asObjects(body: unknown, url: string): StixObject[] {
  const objects = (body as { objects?: unknown } | undefined)?.objects ?? [];
  if (!Array.isArray(objects) || !objects.every((o) => typeof o === 'object' && o !== null && typeof o.id === 'string' && typeof o.type === 'string')) {
    throw new ParleyError('UNAVAILABLE', `${url} answered an envelope whose objects are not STIX objects`);
  }
  return objects as StixObject[];
}

/** GETs one page of objects added after `addedAfter` (and the `next` token of the previous page, if any). */
export async function readObjectPage(source: CollectionSource, query: { addedAfter?: string; next?: string; limit: number }, signal?: AbortSignal): Promise<ObjectPage> {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.addedAfter !== undefined) params.set('added_after', query.addedAfter);
  if (query.next !== undefined) params.set('next', query.next);
  const url = `${source.apiRoot}collections/${encodeURIComponent(source.collectionId)}/objects/?${params}`;
  const { body, headers } = await getJson(source, url, signal);
  const envelope = (body ?? {}) as { more?: unknown; next?: unknown };
  const page: ObjectPage = { objects: asObjects(body, url), more: envelope.more === true };
  if (typeof envelope.next === 'string') page.next = envelope.next;
  const last = headers.get('x-taxii-date-added-last');
  if (last !== null) page.dateAddedLast = last;
  return page;
}

/** GETs every version of one object from the collection (empty when it is not there). */
export async function readObject(source: CollectionSource, objectId: string, signal?: AbortSignal): Promise<StixObject[]> {
  const url = `${source.apiRoot}collections/${encodeURIComponent(source.collectionId)}/objects/${encodeURIComponent(objectId)}/?match[version]=all`;
  return asObjects((await getJson(source, url, signal)).body, url);
}
