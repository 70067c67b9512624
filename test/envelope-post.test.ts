import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryTarget } from '../src/federation/delivery-transport.ts';
import { postEnvelope } from '../src/federation/taxii-envelope-post.ts';
import { indicator, startTestNode, type TestNode } from './taxii-harness.ts';

// postEnvelope against a real TAXII node: the answers the delivery transport acts on arrive as answers, not as
// network errors, even when the node answers before it has read the body (413), and the connection stays usable.
describe('postEnvelope against a real TAXII node', () => {
  let node: TestNode;
  let target: DeliveryTarget;
  beforeAll(async () => {
    node = await startTestNode();
    target = { partyId: 'identity--x', apiRoot: `${node.root}`, inboxCollection: node.main, credentials: { kind: 'basic', username: 'alice', password: 'alice-pw' } };
  });
  afterAll(async () => node.close());

  it('gives 202 and the status for an accepted envelope', async () => {
    const answer = await postEnvelope(target, [indicator(1), indicator(2)]);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ status: 'complete', success_count: 2 });
  });

  it('gives 413 for an envelope above max_content_length, small or far larger than a socket buffer, then posts again', async () => {
    const root = (await node.store.collections.apiRoot('parley'))!;
    await node.store.collections.putApiRoot({ ...root, maxContentLength: 1000 });
    try {
      for (const count of [4, 20_000]) {
        const answer = await postEnvelope(target, Array.from({ length: count }, (_, i) => indicator(10 + i)));
        expect(answer.status, `${count} objects`).toBe(413);
        expect(answer.body).toMatchObject({ http_status: '413' });
      }
    } finally {
      await node.store.collections.putApiRoot(root);
    }
    expect((await postEnvelope(target, [indicator(3)])).status).toBe(202);
  });

  it('gives 401 for wrong credentials and 404 for a collection it cannot see', async () => {
    expect((await postEnvelope({ ...target, credentials: { kind: 'basic', username: 'alice', password: 'nope' } }, [indicator(4)])).status).toBe(401);
    expect((await postEnvelope({ ...target, inboxCollection: 'no-such-collection' }, [indicator(4)])).status).toBe(404);
  });
});
