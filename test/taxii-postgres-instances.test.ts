import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, runParley, startServe } from './parley-process.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres-database.ts';
import { TAXII } from './taxii-harness.ts';

const auth = `Basic ${Buffer.from('w:pw').toString('base64')}`;
const indicator = (prefix: string, n: number) => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '10.0.0.1']",
  pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z',
});

describe('two parley serve instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let dir: string;
  let collection: string;
  const servers: { child: ChildProcess; url: string }[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'parley-pg-instances-'));
    const db = ['--database', database.url];
    collection = (await runParley(['collection', 'add', 'Shared', ...db])).stdout.trim();
    expect(collection).toMatch(/^[0-9a-f-]{36}$/);
    expect((await runParley(['account', 'add', 'w', '--password-stdin', '--read', collection, '--write', collection, ...db], 'pw\n')).status).toBe(0);
    for (const name of ['one', 'two']) servers.push(await startServe(join(dir, name), { extraArgs: db }));
  });
  afterAll(async () => {
    for (const { child } of servers) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const objectsUrl = (server: number) => `${servers[server]!.url}/taxii2/parley/collections/${collection}/objects/`;
  const get = (url: string) => fetch(url, { headers: { authorization: auth, accept: TAXII } });

  it('never skips or repeats an object for a reader of one instance while both ingest', async () => {
    const ROUNDS = 40;
    let done = false;
    const client = async (server: number, prefix: string) => {
      for (let round = 0; round < ROUNDS; round++) {
        const res = await fetch(objectsUrl(server), {
          method: 'POST', headers: { authorization: auth, accept: TAXII, 'content-type': TAXII },
          body: JSON.stringify({ objects: Array.from({ length: 25 }, (_, k) => indicator(prefix, round * 25 + k)) }),
        });
        expect(res.status).toBe(202);
      }
    };
    const writers = Promise.all([client(0, 'aaaaaaaa'), client(1, 'bbbbbbbb')]).finally(() => (done = true));
    const seen: string[] = [];
    let addedAfter: string | undefined;
    let quietAfterDone = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && quietAfterDone < 2) {
      const finishedBefore = done;
      const res = await get(`${objectsUrl(0)}?limit=53${addedAfter ? `&added_after=${addedAfter}` : ''}`);
      expect(res.status).toBe(200);
      const env = (await res.json()) as { objects?: { id: string }[] };
      seen.push(...(env.objects ?? []).map((o) => o.id));
      addedAfter = res.headers.get('x-taxii-date-added-last') ?? addedAfter;
      if ((env.objects ?? []).length === 0) {
        if (finishedBefore) quietAfterDone++;
        else await new Promise((r) => setTimeout(r, 5));
      }
    }
    await writers;
    expect(seen).toHaveLength(2 * ROUNDS * 25);
    expect(new Set(seen).size).toBe(seen.length);
  }, 90_000);

  it('accepts on one instance the next cursor another issued', async () => {
    const first = await get(`${objectsUrl(0)}?limit=10`);
    const page = (await first.json()) as { next?: string; objects: { id: string }[] };
    expect(page.next).toBeDefined();
    const second = await get(`${objectsUrl(1)}?limit=10&next=${encodeURIComponent(page.next!)}`);
    expect(second.status).toBe(200);
    const rest = (await second.json()) as { objects: { id: string }[] };
    expect(rest.objects).toHaveLength(10);
    expect(rest.objects.some((o) => page.objects.some((p) => p.id === o.id))).toBe(false);
  });

  it('refuses to serve a hotline node on a database that does not hold it, and an unknown URL scheme', async () => {
    const node = join(dir, 'node');
    expect((await runParley(['init', '--name', 'CERT-X', '--data', node])).status).toBe(0);
    // The node lives in DATA/parley.db; this database holds TAXII collections but not its party.
    const refused = await runParley(['serve', '--port', '0', '--data', node, '--database', database.url]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/^parley: .* has no own party \(run parley init\)\n$/);
    const bad = await runParley(['collection', 'list', '--database', 'mysql://u:secret@h/db']);
    expect(bad).toMatchObject({ status: 1, stderr: 'parley: unsupported database URL "mysql://***@h/db": use postgres://… or sqlite://DIR\n' });
  });
});
