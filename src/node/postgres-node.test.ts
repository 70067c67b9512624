import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/postgres-database.ts';
import { initNode } from './init-node.ts';
import { isInitialised, openNode, openNodeStore } from './parley-node.ts';

const dirs: string[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  for (const d of databases.splice(0)) await d.drop();
});

function dataDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parley-pgnode-')), 'data');
  dirs.push(dir);
  return dir;
}

async function database(): Promise<TestDatabase> {
  const d = await createTestDatabase();
  databases.push(d);
  return d;
}

describe('a hotline node on PostgreSQL', () => {
  it('is initialised with its store on PostgreSQL and its keys in DATA/keys, and opens from the data directory alone', async () => {
    const dir = dataDir();
    const { url } = await database();
    const { party } = await initNode(dir, { name: 'CERT-P', database: url });
    expect(existsSync(join(dir, 'parley.db'))).toBe(false);
    expect(existsSync(join(dir, 'keys'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'node.json'), 'utf8'))).toEqual({ database: url });
    expect(isInitialised(dir)).toBe(true);
    const node = await openNode(dir, { passwordCost: 1024 });
    try {
      expect(node.self.id).toBe(party.id);
    } finally {
      await node.close();
    }
  });

  it('seals counterpart passwords with DATA/keys/credentials.key', async () => {
    const dir = dataDir();
    const { url } = await database();
    await initNode(dir, { name: 'CERT-P', database: url });
    const store = await openNodeStore(dir);
    try {
      await store.records.putCredentials({ partyId: 'identity--b', username: 'node-p', password: 'the counterpart secret' });
      expect((await store.records.getCredentials('identity--b'))?.password).toBe('the counterpart secret');
    } finally {
      await store.close();
    }
    expect(existsSync(join(dir, 'keys', 'credentials.key'))).toBe(true);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ password: string }>('SELECT password FROM node_credentials');
      expect(rows.map((r) => r.password)).toEqual([expect.stringMatching(/^sealed:v1:/)]);
    } finally {
      await client.end();
    }
  });

  it('refuses a database that already holds another node, and a bad URL, writing nothing', async () => {
    const { url } = await database();
    await initNode(dataDir(), { name: 'CERT-P', database: url });
    const second = dataDir();
    await expect(initNode(second, { name: 'CERT-Q', database: url })).rejects.toThrow(/is already initialised as CERT-P/);
    expect(existsSync(join(second, 'node.json'))).toBe(false);
    expect(existsSync(join(second, 'keys'))).toBe(false);
    const bad = dataDir();
    await expect(initNode(bad, { name: 'CERT-R', database: 'mysql://u:pw@h/db' })).rejects.toThrow(/unsupported database URL "mysql:\/\/\*\*\*@h\/db"/);
    expect(existsSync(bad)).toBe(false);
  });

  it('is not initialised without keys, nor with keys but neither parley.db nor a database', async () => {
    const dir = dataDir();
    expect(isInitialised(dir)).toBe(false);
    const { url } = await database();
    await initNode(dir, { name: 'CERT-P', database: url });
    rmSync(join(dir, 'node.json'));
    expect(isInitialised(dir)).toBe(false);
    expect(isInitialised(dir, url)).toBe(true);
    await expect(openNode(dir)).rejects.toThrow(/is not an initialised Parley data directory/);
    const node = await openNode(dir, { database: url });
    await node.close();
  });
});
