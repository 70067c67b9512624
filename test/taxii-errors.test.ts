import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicator, startTestNode, TAXII, type TestNode } from './taxii-harness.ts';
import { STORE_BACKENDS } from './support/store-backends.ts';

/** Every error must be a TAXII error message with the matching http_status. */
async function expectError(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe(TAXII);
  const body = await res.json();
  expect(body).toMatchObject({ title: expect.any(String), description: expect.any(String), http_status: String(status) });
  return body;
}

for (const backend of STORE_BACKENDS) {
  describe(`${backend.name}: TAXII 2.1 errors, negotiation and permissions`, () => {
    let node: TestNode;
    let objects: string;
    beforeAll(async () => {
      node = await startTestNode(backend);
      objects = `/collections/${node.main}/objects/`;
      await node.post(objects, { objects: [indicator(1)] });
    });
    afterAll(async () => node.close());

    it('answers 406 to an Accept it cannot serve and accepts the forms the spec allows', async () => {
      await expectError(await node.get('/', 'alice', { accept: 'application/json' }), 406);
      await expectError(await node.get('/', 'alice', { accept: 'application/taxii+json;version=2.0' }), 406);
      await expectError(await node.get('/', 'alice', { accept: 'application/taxii+json;version=2.1;q=0' }), 406);
      for (const accept of ['application/taxii+json', 'application/taxii+json; version=2.1', '*/*', 'application/*', 'text/html, application/taxii+json;version=2.1;q=0.5']) {
        expect((await node.get('/', 'alice', { accept })).status, accept).toBe(200);
      }
    });

    it('answers 415 to a wrong Content-Type', async () => {
      await expectError(await node.post(objects, { objects: [] }, 'alice', { 'content-type': 'application/json' }), 415);
      await expectError(await node.post(objects, { objects: [] }, 'alice', { 'content-type': 'application/taxii+json;version=2.0' }), 415);
      expect((await node.post(objects, { objects: [] }, 'alice', { 'content-type': 'application/taxii+json' })).status).toBe(202);
    });

    it('answers 413 above max_content_length, by Content-Length and while streaming', async () => {
      const root = await node.store.collections.apiRoot('parley');
      await node.store.collections.putApiRoot({ ...root!, maxContentLength: 1000 });
      try {
        await expectError(await node.post(objects, { objects: [indicator(5), indicator(6), indicator(7), indicator(8)] }), 413);
        const chunks = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(100)));
            controller.close();
          },
        });
        const res = await fetch(`${node.root}${objects}`, {
          method: 'POST', body: chunks, duplex: 'half',
          headers: { authorization: node.auth('alice'), accept: TAXII, 'content-type': TAXII },
        } as RequestInit);
        await expectError(res, 413);
        expect(await node.store.objects.count(node.main)).toBe(1);
      } finally {
        await node.store.collections.putApiRoot(root!);
      }
    });

    it('answers 400 for malformed JSON, a body without objects and malformed filters', async () => {
      await expectError(await node.post(objects, '{"objects": ['), 400);
      await expectError(await node.post(objects, '[1,2]'), 400);
      for (const q of ['limit=0', 'limit=abc', 'added_after=yesterday', 'match[version]=newest', 'match[id]=bad', 'match[type]=BAD!',
        'match[spec_version]=x', 'next=forged', 'match[color]=red', 'limit=1&limit=2']) {
        await expectError(await node.get(`${objects}?${q}`), 400);
      }
    });

    it('answers 404 for unknown collections, objects and paths', async () => {
      await expectError(await node.get('/collections/no-such/objects/'), 404);
      await expectError(await node.get(`${objects}${indicator(42).id}/`), 404);
      await expectError(await node.get(`/collections/${node.main}/nothing/`), 404);
    });

    it('answers 401 with WWW-Authenticate without or with bad credentials, and accepts bearer tokens', async () => {
      const anonymous = await fetch(`${node.root}/`, { headers: { accept: TAXII } });
      await expectError(anonymous, 401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/Basic/);
      await expectError(await fetch(`${node.root}/`, { headers: { authorization: `Basic ${Buffer.from('alice:wrong').toString('base64')}` } }), 401);
      await expectError(await fetch(`${node.root}/`, { headers: { authorization: 'Bearer nope' } }), 401);
      const token = await node.store.accounts.createToken('bob');
      expect((await fetch(`${node.root}${objects}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    });

    it('hides collections without rights (404) and forbids missing rights (403)', async () => {
      await expectError(await node.get(objects, 'dave'), 404);
      await expectError(await node.get(`/collections/${node.main}/`, 'dave'), 404);
      await expectError(await node.get(`/collections/${node.other}/objects/`, 'bob'), 404);
      await expectError(await node.post(objects, { objects: [indicator(3)] }, 'bob'), 403);
      await expectError(await node.get(objects, 'carol'), 403);
      await expectError(await node.get(`/collections/${node.main}/manifest/`, 'carol'), 403);
      expect((await node.post(objects, { objects: [indicator(3)] }, 'carol')).status).toBe(202);
      await expectError(await node.post(`/collections/${node.other}/objects/`, { objects: [indicator(4)] }), 403);
    });

    it('stops honouring a removed account at once', async () => {
      await node.store.accounts.add('erin', 'erin-pw', [{ collection: node.main, canRead: true, canWrite: false }]);
      const erin = { authorization: `Basic ${Buffer.from('erin:erin-pw').toString('base64')}` };
      expect((await fetch(`${node.root}${objects}`, { headers: erin })).status).toBe(200);
      await node.store.accounts.remove('erin');
      await expectError(await fetch(`${node.root}${objects}`, { headers: erin }), 401);
    });
  });
}
