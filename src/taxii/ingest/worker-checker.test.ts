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

/**
 * The envelope with every stored JSON as text (workers hand it over as UTF-8 bytes, the inline checker as text), and
 * without the successes list a worker renders (tested on its own).
 */
const asText = ({ successesJson: _, ...checked }: CheckedEnvelope): CheckedEnvelope => ({ ...checked, valid: checked.valid.map((o) => ({ ...o, json: jsonText(o.json) })) });

describe('envelope checkers', () => {
  const workers = createWorkerChecker(2);
  afterAll(() => workers.close());

  it('sorts an envelope into prepared objects and failures, identically inline and on worker threads', async () => {
    const body = JSON.stringify({ objects: [identity(1), { type: 'identity', id: 'nope' }, identity(2, { modified: '2024-13-01T00:00:00.000Z' }), 'text', identity(3)] });
    const inline = await inlineChecker.check(body);
    const checked = await workers.check(body);
    expect(asText(checked)).toEqual(inline);
    expect(JSON.parse(jsonText(checked.successesJson!))).toEqual(inline.valid.map((o) => ({ id: o.id, version: o.stated })));
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
    expect(asText(await inlineChecker.check(new Uint8Array(Buffer.from(body))))).toEqual(inline);
    // The observable has no modified/created: no stated version, and the packed form keeps it absent.
    expect(inline.valid.map((o) => o.stated)).toEqual(['2024-01-02T00:00:00.500Z', undefined]);
    expect(inline.failures).toHaveLength(1);
  });

  it('keeps the body\'s own bytes as the stored form when they are exactly it, else JSON.stringify, inline and on workers', async () => {
    const compact = JSON.stringify(identity(6, { name: 'Zürich' }));
    const spaced = JSON.stringify(identity(7), null, 1);
    const escaped = JSON.stringify(identity(8)).replace('org 8', 'org \\u0038');
    const duplicate = JSON.stringify(identity(9)).replace('}', ',"name":"org 9"}');
    const body = `{"objects":[${compact},${spaced},${escaped},${duplicate}]}`;
    const expected = [identity(6, { name: 'Zürich' }), identity(7), identity(8), identity(9)].map((o) => JSON.stringify(o));
    for (const checker of [inlineChecker, workers]) {
      const bytes = new Uint8Array(Buffer.from(body));
      const checked = await checker.check(bytes);
      // Every stored form is JSON.stringify of the object, whichever way it was obtained.
      expect(checked.valid.map((o) => jsonText(o.json))).toEqual(expected);
      // Only the compact element was taken from the body: its JSON is a view of the body's own buffer.
      const first = checked.valid[0]!.json as Uint8Array;
      expect(Buffer.from(first.buffer).toString('utf8')).toBe(body);
      expect(checked.valid.map((o) => typeof o.json !== 'string' && o.json.buffer === first.buffer)).toEqual([true, false, false, false]);
    }
    // Bytes that are not valid UTF-8 are decoded with replacement characters, and never stored as they came.
    const invalid = Buffer.concat([Buffer.from('{"objects":[{"type":"identity","spec_version":"2.1","id":"identity--7a1b2c3d-0000-4000-8000-000000000010","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","identity_class":"organization","name":"a'), Buffer.from([0xff]), Buffer.from('b"}]}')]);
    const replaced = await workers.check(new Uint8Array(invalid));
    expect(jsonText(replaced.valid[0]!.json)).toContain('"name":"a\ufffdb"');
    expect(replaced.valid[0]!.json.length).toBeLessThan(invalid.length);
  });

  it('refuses checks after close', async () => {
    const checker = createWorkerChecker(1);
    await checker.close();
    await expect(checker.check('{"objects":[]}')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
