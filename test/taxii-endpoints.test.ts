import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicator, startTestNode, TAXII, type TestNode } from './taxii-harness.ts';
import { STORE_BACKENDS } from './support/store-backends.ts';

for (const backend of STORE_BACKENDS) {
  describe(`${backend.name}: TAXII 2.1 endpoints over HTTP`, () => {
    let node: TestNode;
    beforeAll(async () => {
      node = await startTestNode(backend);
    });
    afterAll(async () => node.close());

    it('serves discovery with the default API root', async () => {
      const res = await node.get(`${node.server.url}/taxii2/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(TAXII);
      expect(res.headers.get('x-request-id')).toMatch(/./);
      const body = await res.json();
      expect(body).toEqual({ title: 'Test node', default: `${node.root}/`, api_roots: [`${node.root}/`] });
    });

    it('echoes a valid X-Request-Id and replaces an invalid one', async () => {
      expect((await node.get('/', 'alice', { 'x-request-id': 'abc-123' })).headers.get('x-request-id')).toBe('abc-123');
      expect((await node.get('/', 'alice', { 'x-request-id': 'bad id!' })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('lets other route groups be mounted beside TAXII', async () => {
      const { createNodeServer } = await import('../src/taxii/node-server.ts');
      const pino = (await import('pino')).default;
      const server = await createNodeServer({
        store: node.store, node: { title: 'x' }, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0,
        mount: (app) => void app.get('/api/ping', (c) => c.json({ pong: true })),
      });
      try {
        expect(await (await fetch(`${server.url}/api/ping`)).json()).toEqual({ pong: true });
        expect((await fetch(`${server.url}/taxii2/`)).status).toBe(401);
      } finally {
        await server.close();
      }
    });

    it('serves the API root and healthz', async () => {
      const body = await (await node.get('/')).json();
      expect(body).toEqual({ title: 'Parley', versions: [TAXII], max_content_length: 16 * 1024 * 1024 });
      const health = await fetch(`${node.server.url}/healthz`);
      expect(health.status).toBe(200);
      expect((await node.get(`${node.server.url}/taxii2/nope/`)).status).toBe(404);
    });

    it('lists collections with the rights of the account', async () => {
      const alice = await (await node.get('/collections/')).json();
      expect(alice.collections.map((c: { id: string; can_read: boolean; can_write: boolean }) => [c.id, c.can_read, c.can_write]))
        .toEqual([[node.main, true, true], [node.other, true, false]]);
      const carol = await (await node.get('/collections/', 'carol')).json();
      expect(carol.collections).toEqual([{ id: node.main, title: 'Main', description: 'main collection', can_read: false, can_write: true, media_types: ['application/stix+json;version=2.1'] }]);
      expect(await (await node.get('/collections/', 'dave')).json()).toEqual({});
      const one = await (await node.get(`/collections/${node.main}/`, 'bob')).json();
      expect([one.id, one.can_read, one.can_write]).toEqual([node.main, true, false]);
    });

    it('adds objects, reports bad ones in the status and serves the status later', async () => {
      const bad = { type: 'indicator', id: 'not-an-id' };
      const res = await node.post(`/collections/${node.main}/objects/`, { objects: [indicator(1), bad, indicator(2)] });
      expect(res.status).toBe(202);
      const status = await res.json();
      expect(status).toMatchObject({ status: 'complete', total_count: 3, success_count: 2, failure_count: 1, pending_count: 0 });
      expect(status.failures[0].message).toMatch(/id/);
      expect(status.successes.map((s: { id: string }) => s.id)).toEqual([indicator(1).id, indicator(2).id]);
      const again = await node.get(`/status/${status.id}/`);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(status);
      expect((await node.get(`/status/${status.id}/`, 'bob')).status).toBe(404);
      expect((await node.get('/status/00000000-0000-4000-8000-000000000000/')).status).toBe(404);
    });

    it('gets objects, one object, its versions and the manifest with date_added headers', async () => {
      await node.post(`/collections/${node.main}/objects/`, { objects: [indicator(1, '2024-06-01T00:00:00.000Z')] });
      const objects = await node.get(`/collections/${node.main}/objects/`);
      const env = await objects.json();
      expect(env.more).toBe(false);
      expect(env.objects.map((o: { id: string; modified: string }) => [o.id, o.modified])).toEqual([
        [indicator(2).id, '2024-01-01T00:00:00.000Z'], [indicator(1).id, '2024-06-01T00:00:00.000Z']]);
      expect(objects.headers.get('x-taxii-date-added-first')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      const one = await (await node.get(`/collections/${node.main}/objects/${indicator(1).id}/?match[version]=all`)).json();
      expect(one.objects.map((o: { modified: string }) => o.modified)).toEqual(['2024-01-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z']);
      const versions = await node.get(`/collections/${node.main}/objects/${indicator(1).id}/versions/`);
      expect(await versions.json()).toEqual({ more: false, versions: ['2024-01-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z'] });
      expect(versions.headers.get('x-taxii-date-added-last')).toBeTruthy();
      const manifest = await (await node.get(`/collections/${node.main}/manifest/?match[version]=all`)).json();
      expect(manifest.objects).toHaveLength(3);
      expect(manifest.objects[0]).toEqual({ id: indicator(1).id, date_added: expect.stringMatching(/\.\d{6}Z$/), version: '2024-01-01T00:00:00.000Z', media_type: 'application/stix+json;version=2.1' });
      expect((await node.get(`/collections/${node.main}/objects/${indicator(99).id}/`)).status).toBe(404);
      expect((await node.get(`/collections/${node.main}/objects/${indicator(99).id}/versions/`)).status).toBe(404);
    });

    it('deletes one version or every version of an object', async () => {
      const id = indicator(1).id;
      const del = (q: string, name: 'alice' | 'bob' = 'alice') => fetch(`${node.root}/collections/${node.main}/objects/${id}/${q}`, {
        method: 'DELETE', headers: { authorization: node.auth(name), accept: TAXII },
      });
      expect((await del('', 'bob')).status).toBe(403);
      expect((await del('?match[version]=2024-06-01T00:00:00Z')).status).toBe(200);
      const left = await (await node.get(`/collections/${node.main}/objects/${id}/versions/`)).json();
      expect(left.versions).toEqual(['2024-01-01T00:00:00.000Z']);
      const latest = await (await node.get(`/collections/${node.main}/objects/${id}/`)).json();
      expect(latest.objects[0].modified).toBe('2024-01-01T00:00:00.000Z');
      expect((await del('')).status).toBe(200);
      expect((await node.get(`/collections/${node.main}/objects/${id}/`)).status).toBe(404);
      expect((await del('')).status).toBe(404);
    });

    it('keeps the first date_added when an identical version is posted again', async () => {
      const before = await (await node.get(`/collections/${node.main}/manifest/?match[id]=${indicator(2).id}`)).json();
      const res = await node.post(`/collections/${node.main}/objects/`, { objects: [indicator(2)] });
      expect((await res.json()).success_count).toBe(1);
      const after = await (await node.get(`/collections/${node.main}/manifest/?match[id]=${indicator(2).id}`)).json();
      expect(after).toEqual(before);
    });
  });
}
