/**
 * Test-only (never used by the node): a sending node's per-counterpart outbox collections served over real TAXII
 * 2.1 GETs on 127.0.0.1, written through `OutboxCollectionWriter`. date_added strictly increases; pages carry
 * `more`/`next` and the X-TAXII-Date-Added-First/Last headers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '../hotline/message.ts';
import type { StixObject } from './delivery-transport.ts';
import type { OutboxCollectionWriter } from './outbox-collection.ts';
import { TAXII_MEDIA_TYPE, type CollectionSource } from './taxii-reader.ts';

interface Entry { object: StixObject; dateAdded: string }

export class TaxiiOutboxCollections implements OutboxCollectionWriter {
  readonly #collections = new Map<string, { partyId: string; token: string; entries: Entry[] }>();
  readonly #server: Server;
  #lastMs = 0;
  /** Every GET path served, for assertions on paging. */
  readonly gets: string[] = [];

  constructor() {
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': TAXII_MEDIA_TYPE, ...headers });
        res.end(JSON.stringify(body));
      };
      const match = /^\/api1\/collections\/([^/]+)\/objects\/(?:([^/]+)\/)?$/.exec(url.pathname);
      const collection = match ? this.#collections.get(decodeURIComponent(match[1])) : undefined;
      if (!match || !collection) return send(404, { title: 'Not found' });
      if (req.headers.authorization !== `Bearer ${collection.token}`) return send(403, { title: 'Forbidden' });
      this.gets.push(url.pathname + url.search);
      if (match[2] !== undefined) {
        const versions = collection.entries.filter((e) => e.object.id === decodeURIComponent(match[2])).map((e) => e.object);
        return versions.length === 0 ? send(404, { title: 'Not found' }) : send(200, { objects: versions });
      }
      const after = url.searchParams.get('added_after');
      const limit = Number(url.searchParams.get('limit') ?? '100');
      const offset = Number(url.searchParams.get('next') ?? '0');
      const matching = collection.entries.filter((e) => after === null || e.dateAdded > after);
      const page = matching.slice(offset, offset + limit);
      const more = offset + limit < matching.length;
      const headers: Record<string, string> = page.length === 0 ? {} : { 'x-taxii-date-added-first': page[0].dateAdded, 'x-taxii-date-added-last': page[page.length - 1].dateAdded };
      return send(200, { more, ...(more ? { next: String(offset + limit) } : {}), ...(page.length ? { objects: page.map((e) => e.object) } : {}) }, headers);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Opens the collection of what `sender` has for `recipient`, readable with `token`; returns how the recipient reaches it. */
  open(recipient: string, sender: string, token: string): CollectionSource {
    const partyId = recipient;
    const collectionId = `outbox-${this.#collections.size + 1}`;
    this.#collections.set(collectionId, { partyId, token, entries: [] });
    const port = (this.#server.address() as AddressInfo).port;
    return { partyId: sender, apiRoot: `http://127.0.0.1:${port}/api1/`, collectionId, credentials: { kind: 'bearer', token } };
  }

  async write(partyId: string, objects: readonly (StixObject | Message)[]): Promise<void> {
    const collection = [...this.#collections.values()].find((c) => c.partyId === partyId);
    if (!collection) throw new Error(`no outbox collection for ${partyId}`);
    for (const object of objects as StixObject[]) {
      // A version already stored is stored once (TAXII add semantics).
      if (collection.entries.some((e) => e.object.id === object.id && e.object.modified === object.modified)) continue;
      this.#lastMs = Math.max(Date.now(), this.#lastMs + 1);
      collection.entries.push({ object, dateAdded: new Date(this.#lastMs).toISOString() });
    }
  }
}
