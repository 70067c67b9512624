import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { exited, runParley, startServe } from './parley-process.ts';
import { TAXII } from './taxii-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bundle(client: number, round: number, size: number) {
  return Array.from({ length: size }, (_, k) => ({
    type: 'indicator', spec_version: '2.1',
    id: `indicator--${String(client).padStart(8, '0')}-0000-4000-8000-${(round * size + k).toString(16).padStart(12, '0')}`,
    created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '10.0.0.1']",
    pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z', description: 'x'.repeat(200),
  }));
}

describe('kill -9 during concurrent POSTs', () => {
  it('loses no object whose status said success', async () => {
    const collection = (await runParley(['collection', 'add', 'Crash', '--data', dir])).stdout.trim();
    expect((await runParley(['account', 'add', 'w', '--password-stdin', '--write', collection, '--data', dir], 'pw\n')).status).toBe(0);
    const { child, url } = await startServe(dir);
    const auth = `Basic ${Buffer.from('w:pw').toString('base64')}`;
    const confirmed: string[] = [];
    let completed = 0;
    const client = async (n: number) => {
      for (let round = 0; round < 200; round++) {
        try {
          const res = await fetch(`${url}/taxii2/parley/collections/${collection}/objects/`, {
            method: 'POST', headers: { authorization: auth, accept: TAXII, 'content-type': TAXII },
            body: JSON.stringify({ objects: bundle(n, round, 500) }),
          });
          if (res.status !== 202) return;
          const status = (await res.json()) as { successes: { id: string }[] };
          confirmed.push(...status.successes.map((s) => s.id));
          completed++;
        } catch {
          return; // the server died mid-request: this POST was never confirmed
        }
      }
    };
    const clients = [1, 2, 3, 4].map(client);
    const deadline = Date.now() + 30_000;
    while (completed < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    await Promise.all(clients);
    expect(await exited(child)).toBe('SIGKILL');
    expect(completed).toBeGreaterThanOrEqual(8);
    const store = openSqliteStore(dir);
    try {
      const stored = new Set<string>();
      let next: string | undefined;
      for (let pages = 0; pages < 1000; pages++) {
        const page = await store.objects.query({ collection, limit: 1000, next });
        for (const o of page.objects) stored.add(o.id);
        next = page.next;
        if (!next) break;
      }
      const lost = confirmed.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(confirmed.length);
    } finally {
      await store.close();
    }
  }, 90_000);
});
