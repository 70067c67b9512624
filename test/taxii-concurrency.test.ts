import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from './taxii-harness.ts';
import { STORE_BACKENDS } from './support/store-backends.ts';

const PER_WRITER = 3000;

function writer(node: TestNode, prefix: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/store-writer.ts', node.location, node.main, prefix, String(PER_WRITER), '50'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return once(child, 'exit').then(([code]) => code as number);
}

for (const backend of STORE_BACKENDS) {
  describe(`${backend.name}: concurrent writers and a paging reader`, () => {
    let node: TestNode;
    beforeAll(async () => {
      node = await startTestNode(backend);
    });
    afterAll(async () => node.close());

    it('never skips or duplicates an object while two processes write', async () => {
      let done = false;
      const writers = Promise.all([writer(node, 'aaaaaaaa'), writer(node, 'bbbbbbbb')]).finally(() => (done = true));
      const seen: string[] = [];
      let addedAfter: string | undefined;
      let next: string | undefined;
      const deadline = Date.now() + 60_000;
      let quietSweepsAfterDone = 0;
      while (Date.now() < deadline && quietSweepsAfterDone < 2) {
        const finishedBefore = done;
        const query = [addedAfter ? `added_after=${addedAfter}` : '', 'limit=97', next ? `next=${encodeURIComponent(next)}` : ''].filter(Boolean).join('&');
        const res = await node.get(`/collections/${node.main}/objects/?${query}`);
        expect(res.status).toBe(200);
        const env = (await res.json()) as { more: boolean; next?: string; objects?: { id: string }[] };
        seen.push(...(env.objects ?? []).map((o) => o.id));
        if (env.next) {
          next = env.next;
        } else {
          // End of this sweep: continue from the last date_added seen, with a fresh cursor.
          addedAfter = res.headers.get('x-taxii-date-added-last') ?? addedAfter;
          next = undefined;
          if (finishedBefore) quietSweepsAfterDone++;
          else await new Promise((r) => setTimeout(r, 5));
        }
      }
      expect(await writers).toEqual([0, 0]);
      expect(seen.length).toBe(2 * PER_WRITER);
      expect(new Set(seen).size).toBe(2 * PER_WRITER);
      const added = await node.store.objects.query({ collection: node.main, limit: 1000, versions: { last: false, first: false, all: true, at: [] } });
      const dates = added.objects.map((o) => o.dateAdded);
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
      expect(new Set(dates).size).toBe(dates.length);
    }, 90_000);
  });
}
