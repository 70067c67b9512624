import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { SCO_ID_NAMESPACE, uuidV5 } from '../../stix/ids.ts';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'parley', 'id', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('parley id', () => {
  it('prints the UUIDv5 id of an SCO on one line and exits 0', async () => {
    const r = await run('{"type":"ipv4-addr","value":"198.51.100.3","id":"ignored"}');
    expect(r).toEqual({ code: 0, out: [`ipv4-addr--${uuidV5(SCO_ID_NAMESPACE, '{"value":"198.51.100.3"}')}`], err: [] });
  });

  it('prints a random UUIDv4 id with a note when nothing contributes', async () => {
    const r = await run('{"type":"process","pid":42}');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^process--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.err).toEqual(['parley id: note: no id-contributing property present, so the id is a random UUIDv4']);
  });

  it.each([
    ['{"type":', /^parley id: not JSON: /],
    ['[1,2]', /^parley id: not an SCO: expected a JSON object$/],
    ['{"value":"x"}', /^parley id: not an SCO: the object has no "type" property$/],
    ['{"type":"indicator"}', /^parley id: not an SCO: type "indicator" is not a STIX 2.1 cyber-observable type$/],
    ['{"type":7}', /^parley id: not an SCO: type 7 is not/],
  ])('exits 2 with one line for %s', async (input, message) => {
    const r = await run(input);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });
});
