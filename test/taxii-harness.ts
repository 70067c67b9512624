import pino from 'pino';
import type { StixObject } from '../src/store/object-store.ts';
import type { Store } from '../src/store/store.ts';
import { createNodeServer, type NodeServer } from '../src/taxii/node-server.ts';
import { STORE_BACKENDS, type StoreBackend } from './support/store-backends.ts';

export const TAXII = 'application/taxii+json;version=2.1';

/** A node on 127.0.0.1:0 with collections `main` and `other`, and accounts with different rights. */
export interface TestNode {
  /** Where the store lives: a SQLite data directory or a postgres:// URL (what `openStore` takes). */
  location: string;
  store: Store;
  server: NodeServer;
  root: string;
  main: string;
  other: string;
  /** alice: read+write main, read other; bob: read main; carol: write main only; dave: nothing. */
  auth(name: 'alice' | 'bob' | 'carol' | 'dave'): string;
  get(path: string, name?: 'alice' | 'bob' | 'carol' | 'dave', headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: unknown, name?: 'alice' | 'bob' | 'carol' | 'dave', headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Starts a node in-process over real HTTP, on a fresh store of the given backend (SQLite by default). */
export async function startTestNode(backend: StoreBackend = STORE_BACKENDS[0]!): Promise<TestNode> {
  const place = await backend.create();
  const store = await place.open();
  const main = (await store.collections.addCollection({ title: 'Main', description: 'main collection' })).id;
  const other = (await store.collections.addCollection({ title: 'Other' })).id;
  await store.accounts.add('alice', 'alice-pw', [{ collection: main, canRead: true, canWrite: true }, { collection: other, canRead: true, canWrite: false }]);
  await store.accounts.add('bob', 'bob-pw', [{ collection: main, canRead: true, canWrite: false }]);
  await store.accounts.add('carol', 'carol-pw', [{ collection: main, canRead: false, canWrite: true }]);
  await store.accounts.add('dave', 'dave-pw', []);
  const server = await createNodeServer({ store, node: { title: 'Test node' }, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
  const auth = (name: string) => `Basic ${Buffer.from(`${name}:${name}-pw`).toString('base64')}`;
  const node: TestNode = {
    location: place.location, store, server, main, other, auth,
    root: `${server.url}/taxii2/parley`,
    get: (path, name = 'alice', headers = {}) => fetch(url(path), { headers: { authorization: auth(name), accept: TAXII, ...headers } }),
    post: (path, body, name = 'alice', headers = {}) => fetch(url(path), {
      method: 'POST',
      headers: { authorization: auth(name), accept: TAXII, 'content-type': TAXII, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    async close() {
      await server.close();
      await store.close();
      await place.dispose();
    },
  };
  function url(path: string): string {
    return path.startsWith('http') ? path : `${node.root}${path}`;
  }
  return node;
}

export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A valid indicator with a chosen number and modified timestamp. */
export function indicator(n: number, modified = '2024-01-01T00:00:00.000Z', type = 'indicator'): StixObject {
  return {
    type, spec_version: '2.1', id: `${type}--${uuid(n)}`, created: '2024-01-01T00:00:00.000Z', modified,
    ...(type === 'indicator'
      ? { pattern: "[ipv4-addr:value = '10.0.0.1']", pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z' }
      : { name: `m${n}`, is_family: false }),
  };
}
