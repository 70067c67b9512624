import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import { createParty, partyExtension, type Party } from '../hotline/party.ts';
import { stixTimestamp } from '../hotline/timestamps.ts';
import { createNodeKey } from './node-keys.ts';
import { parseStoreLocation } from '../store/open-store.ts';
import { recordNodeDatabase } from './node-database.ts';
import { openNodeStore } from './parley-node.ts';

/** What `parley init` is told. */
export interface NodeInit {
  name: string;
  /** Base URL of the node (e.g. https://parley.cert.example); absent: `parley serve` records where it listens. */
  url?: string;
  identityClass?: 'organization' | 'group' | 'system';
  sectors?: string[];
  /** The node's store: postgres://… (recorded in DATA/node.json); absent: DATA/node.json's database, else DATA/parley.db. */
  database?: string;
  now?: Date;
}

/** The API root URL of a node base URL. */
export const apiRootOf = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}/taxii2/parley/`;

/** Creates a node in an empty data directory: own party, first key pair, inbox collection. */
export async function initNode(dataDir: string, init: NodeInit): Promise<{ party: Party; keyId: string; inbox: string }> {
  if (existsSync(join(dataDir, 'keys'))) throw new ParleyError('CONFLICT', `${dataDir} is already initialised; refusing to initialise it again`);
  if (init.url !== undefined && !/^https?:\/\/[^\s/]+/.test(init.url)) throw new ParleyError('BAD_REQUEST', `--url must be an http(s) URL, not ${init.url}`);
  // Checked before anything is written: a bad URL leaves no half-made data directory.
  if (init.database !== undefined) parseStoreLocation(init.database);
  mkdirSync(dataDir, { recursive: true });
  const store = await openNodeStore(dataDir, init.database === undefined ? {} : { database: init.database });
  try {
    const existing = await store.hotline.getOwnParty();
    if (existing) throw new ParleyError('CONFLICT', `${dataDir} is already initialised as ${existing.name} (${existing.id})`);
    const at = stixTimestamp(init.now ?? Date.now());
    const inbox = await store.collections.addCollection({ title: 'Parley inbox', description: 'hotline messages and agreements from other parties' });
    const key = createNodeKey(dataDir, at);
    const party = createParty({
      name: init.name,
      identityClass: init.identityClass ?? 'organization',
      taxii: { api_root: apiRootOf(init.url ?? 'http://127.0.0.1:9443'), inbox_collection_id: inbox.id },
      signingKeys: [key],
      contacts: [{ role: 'operations', name: `${init.name} duty desk`, languages: ['en'], time_zone: 'UTC' }],
      created: new Date(at),
    });
    const withSectors: Party = init.sectors && init.sectors.length > 0 ? { ...party, sectors: init.sectors } : party;
    await store.hotline.putParty(withSectors, { own: true });
    await store.transaction(async () => {
      await store.records.setState('inbox_collection', inbox.id);
      await store.records.setState('url_from_serve', init.url === undefined ? '1' : '0');
    });
    // Every later command on this data directory opens the same store.
    if (init.database !== undefined) recordNodeDatabase(dataDir, init.database);
    return { party: withSectors, keyId: key.key_id, inbox: partyExtension(withSectors).taxii.inbox_collection_id };
  } finally {
    await store.close();
  }
}

/** When the node was initialised without --url, records the address `serve` listens on in the own party record. */
export async function adoptListeningUrl(dataDir: string, url: string, options: { database?: string } = {}): Promise<void> {
  const store = await openNodeStore(dataDir, options);
  try {
    if (await store.records.getState('url_from_serve') !== '1') return;
    const own = await store.hotline.getOwnParty();
    if (!own) return;
    const ext = partyExtension(own);
    const apiRoot = apiRootOf(url);
    if (ext.taxii.api_root === apiRoot) return;
    const modified = stixTimestamp(Math.max(Date.now(), Date.parse(own.modified) + 1));
    const updated = { ...own, modified, extensions: { ...own.extensions, ...Object.fromEntries(Object.entries(own.extensions).map(([k, v]) => [k, v === ext ? { ...ext, taxii: { ...ext.taxii, api_root: apiRoot } } : v])) } } as Party;
    await store.hotline.putParty(updated, { own: true });
  } finally {
    await store.close();
  }
}
