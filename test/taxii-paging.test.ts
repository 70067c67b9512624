import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicator, startTestNode, type TestNode } from './taxii-harness.ts';
import { STORE_BACKENDS } from './support/store-backends.ts';

interface Envelope { more: boolean; next?: string; objects?: { id: string; type: string; modified: string }[] }

for (const backend of STORE_BACKENDS) {
  describe(`${backend.name}: TAXII 2.1 filters and paging over HTTP`, () => {
    let node: TestNode;
    let objects: string;
    beforeAll(async () => {
      node = await startTestNode(backend);
      objects = `/collections/${node.main}/objects/`;
      // 30 indicators and 10 malware, all with the same modified; then new versions of indicators 1-5.
      const first = [...Array.from({ length: 30 }, (_, i) => indicator(i + 1)), ...Array.from({ length: 10 }, (_, i) => indicator(100 + i, undefined, 'malware'))];
      expect((await node.post(objects, { objects: first })).status).toBe(202);
      const second = Array.from({ length: 5 }, (_, i) => indicator(i + 1, '2024-05-01T00:00:00.000Z'));
      expect((await node.post(objects, { objects: second })).status).toBe(202);
    });
    afterAll(async () => node.close());

    async function pageAll(query: string, limit: number): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const sep = query ? '&' : '';
        const res = await node.get(`${objects}?${query}${sep}limit=${limit}${next ? `&next=${encodeURIComponent(next)}` : ''}`);
        expect(res.status).toBe(200);
        const env = (await res.json()) as Envelope;
        expect(env.objects?.length ?? 0).toBeLessThanOrEqual(limit);
        expect(env.more).toBe(env.next !== undefined);
        ids.push(...(env.objects ?? []).map((o) => `${o.id}@${o.modified}`));
        next = env.next;
        pages++;
      } while (next && pages < 100);
      return { ids, pages };
    }

    it('pages through the latest versions without skip or duplicate at every page size', async () => {
      for (const limit of [1, 7, 10, 39, 40, 41, 1000]) {
        const { ids, pages } = await pageAll('', limit);
        expect(ids).toHaveLength(40);
        expect(new Set(ids).size).toBe(40);
        expect(pages).toBe(Math.max(1, Math.ceil(40 / limit)));
      }
    });

    it('combines match[version] values and match[type]', async () => {
      expect((await pageAll('match[version]=all', 9)).ids).toHaveLength(45);
      expect((await pageAll('match[version]=first', 9)).ids).toHaveLength(40);
      expect((await pageAll('match[version]=first,last', 9)).ids).toHaveLength(45);
      const at = await pageAll('match[version]=2024-05-01T00:00:00Z', 2);
      expect(at.ids).toHaveLength(5);
      expect((await pageAll('match[version]=2024-05-01T00:00:00.000Z,2024-01-01T00:00:00Z', 50)).ids).toHaveLength(45);
      const malware = await pageAll('match[type]=malware', 3);
      expect(malware.ids).toHaveLength(10);
      expect((await pageAll('match[type]=malware,indicator&match[version]=all', 4)).ids).toHaveLength(45);
      expect((await pageAll('match[type]=malware&match[version]=first', 4)).ids).toHaveLength(10);
    });

    it('filters by match[id] and match[spec_version]', async () => {
      const ids = `${indicator(1).id},${indicator(2).id},${indicator(100, undefined, 'malware').id}`;
      expect((await pageAll(`match[id]=${ids}`, 2)).ids).toHaveLength(3);
      expect((await pageAll(`match[id]=${ids}&match[version]=all`, 2)).ids).toHaveLength(5);
      expect((await pageAll('match[spec_version]=2.1', 50)).ids).toHaveLength(40);
      expect((await pageAll('match[spec_version]=2.0', 50)).ids).toHaveLength(0);
    });

    it('honours added_after with the date_added headers and combines it with next', async () => {
      const res = await node.get(`${objects}?limit=10`);
      const last = res.headers.get('x-taxii-date-added-last')!;
      const after = await pageAll(`added_after=${last}`, 6);
      expect(after.ids).toHaveLength(30);
      const first = await (await node.get(`${objects}?added_after=${last}&limit=6`)).json() as Envelope;
      const firstRes = await node.get(`${objects}?added_after=${last}&limit=6`);
      expect(firstRes.headers.get('x-taxii-date-added-first')! > last).toBe(true);
      // A cursor is bound to its filters: reusing it without added_after is refused.
      expect((await node.get(`${objects}?limit=6&next=${encodeURIComponent(first.next!)}`)).status).toBe(400);
      const far = await node.get(`${objects}?added_after=2999-01-01T00:00:00Z`);
      expect(await far.json()).toEqual({ more: false });
      expect(far.headers.get('x-taxii-date-added-first')).toBeNull();
    });

    it('caps the page size at the server maximum', async () => {
      const env = (await (await node.get(`${objects}?limit=5000&match[version]=all`)).json()) as Envelope;
      expect(env.objects).toHaveLength(45);
      expect(env.more).toBe(false);
    });

    it('pages the manifest and versions with the same cursor rules', async () => {
      const manifest = await (await node.get(`/collections/${node.main}/manifest/?limit=15`)).json() as Envelope;
      expect(manifest.objects).toHaveLength(15);
      expect(manifest.more).toBe(true);
      const rest = await (await node.get(`/collections/${node.main}/manifest/?limit=100&next=${encodeURIComponent(manifest.next!)}`)).json() as Envelope;
      expect(rest.objects).toHaveLength(25);
      const versions = await (await node.get(`${objects}${indicator(1).id}/versions/?limit=1`)).json() as { more: boolean; next: string; versions: string[] };
      expect(versions.versions).toEqual(['2024-01-01T00:00:00.000Z']);
      const more = await (await node.get(`${objects}${indicator(1).id}/versions/?limit=1&next=${encodeURIComponent(versions.next)}`)).json();
      expect(more).toEqual({ more: false, versions: ['2024-05-01T00:00:00.000Z'] });
    });
  });
}
