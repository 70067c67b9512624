import { afterAll, describe, expect, it } from 'vitest';
import { ParleyError } from '../../errors.ts';
import { jsonText } from '../../store/prepared-object.ts';
import { type CheckedEnvelope, checkEnvelope } from './check-envelope.ts';
import { inlineChecker } from './envelope-checker.ts';
import { createWorkerChecker } from './worker-checker.ts';

const identity = (n: number, extra: Record<string, unknown> = {}) => ({
  type: 'identity', spec_version: '2.1', id: `identity--7a1b2c3d-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  created: '2024-01-01T00:00:00.000Z', modified: '2024-01-02T00:00:00.500Z', name: `org ${n}`, identity_class: 'organization', ...extra,
});

/** The envelope with every stored JSON as text: workers hand it over as UTF-8 bytes, the inline checker as text. */
const asText = (checked: CheckedEnvelope): CheckedEnvelope => ({ ...checked, valid: checked.valid.map((o) => ({ ...o, json: jsonText(o.json) })) });

describe('envelope checkers', () => {
  const workers = createWorkerChecker(2);
  afterAll(() => workers.close());

  it('sorts an envelope into prepared objects and failures, identically inline and on worker threads', async () => {
    const body = JSON.stringify({ objects: [identity(1), { type: 'identity', id: 'nope' }, identity(2, { modified: '2024-13-01T00:00:00.000Z' }), 'text', identity(3)] });
    const inline = await inlineChecker.check(body);
    expect(asText(await workers.check(body))).toEqual(inline);
    expect(inline.total).toBe(5);
    expect(inline.valid.map((o) => o.id)).toEqual([identity(1).id, identity(3).id]);
    expect(inline.valid[0]).toEqual({
      id: identity(1).id, type: 'identity', stated: '2024-01-02T00:00:00.500Z', versionKey: '2024-01-02T00:00:00.500000000Z',
      specVersion: '2.1', json: JSON.stringify(identity(1)),
    });
    expect(inline.failures).toHaveLength(3);
    expect(inline.failures[0]).toMatchObject({ id: 'nope', version: '' });
    expect(inline.failures[1]!.message).toMatch(/modified/);
  });

  it('stores the canonical form: the client\'s whitespace is not kept', () => {
    const checked = checkEnvelope(`{ "objects" : [ ${JSON.stringify(identity(4), null, 2)} ] }`);
    expect(checked.valid[0]!.json).toBe(JSON.stringify(identity(4)));
  });

  it('rejects bodies that are not JSON or have no objects list with the same ParleyError codes', async () => {
    for (const checker of [inlineChecker, workers]) {
      await expect(checker.check('{"objects": [')).rejects.toMatchObject({ name: 'ParleyError', code: 'MALFORMED_JSON' });
      await expect(checker.check('{"objects": {}}')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(workers.check('[')).rejects.toBeInstanceOf(ParleyError);
  });

  it('spreads concurrent checks over the workers and answers each with its own result', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => JSON.stringify({ objects: [identity(100 + i)] }));
    const results = await Promise.all(bodies.map((b) => workers.check(b)));
    expect(results.map((r) => r.valid[0]!.id)).toEqual(bodies.map((_, i) => identity(100 + i).id));
  });

  it('takes bodies as UTF-8 bytes: an owned buffer moves to the worker, a shared one is copied, results are equal', async () => {
    const body = JSON.stringify({ objects: [identity(5, { name: 'Zürich — 東京' }), { type: 'identity', id: 'nope' }, { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', value: '198.51.100.3' }] });
    const inline = await inlineChecker.check(body);
    const owned = new Uint8Array(Buffer.from(body));
    expect(asText(await workers.check(owned))).toEqual(inline);
    expect(owned.byteLength).toBe(0); // transferred, not copied
    const shared = Buffer.from(`xx${body}`).subarray(2);
    expect(asText(await workers.check(shared))).toEqual(inline);
    expect(shared.byteLength).toBeGreaterThan(0);
    expect(await inlineChecker.check(new Uint8Array(Buffer.from(body)))).toEqual(inline);
    // The observable has no modified/created: no stated version, and the packed form keeps it absent.
    expect(inline.valid.map((o) => o.stated)).toEqual(['2024-01-02T00:00:00.500Z', undefined]);
    expect(inline.failures).toHaveLength(1);
  });

  it('refuses checks after close', async () => {
    const checker = createWorkerChecker(1);
    await checker.close();
    await expect(checker.check('{"objects":[]}')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
