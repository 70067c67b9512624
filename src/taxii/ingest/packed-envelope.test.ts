import { describe, expect, it } from 'vitest';
import { jsonText } from '../../store/prepared-object.ts';
import type { CheckedEnvelope } from './check-envelope.ts';
import { packEnvelope, unpackEnvelope } from './packed-envelope.ts';

/** The envelope with every stored JSON as text, to compare what went in with what came out. */
const asText = (checked: CheckedEnvelope): CheckedEnvelope => ({ ...checked, valid: checked.valid.map((o) => ({ ...o, json: jsonText(o.json) })) });

describe('packed envelopes', () => {
  it('round-trip every field, absent stated/versionKey, empty strings and non-ASCII text', () => {
    const checked: CheckedEnvelope = {
      total: 4,
      valid: [
        { id: 'identity--1', type: 'identity', stated: '2024-01-01T00:00:00Z', versionKey: '2024-01-01T00:00:00.000000000Z', specVersion: '2.1', json: '{"name":"Zürich 東京 🙂"}' },
        { id: 'ipv4-addr--2', type: 'ipv4-addr', specVersion: '2.1', json: '{}' },
        { id: '', type: 'x', stated: '', versionKey: '', specVersion: '', json: '' },
        { id: 'note--4', type: 'note', specVersion: '2.1', json: new Uint8Array(Buffer.from('{"content":"déjà"}')) },
      ],
      failures: [{ id: 'bad', version: '', message: '$: no' }],
    };
    const { packed, transfer } = packEnvelope(checked);
    expect(packed.lengths).toHaveLength(28);
    expect(transfer).toEqual([packed.lengths.buffer, packed.json.buffer]);
    const unpacked = unpackEnvelope(packed);
    expect(asText(unpacked)).toEqual(asText(checked));
    // The JSON comes back as UTF-8 bytes, views of one buffer: no string is made of it on the receiving side.
    expect(unpacked.valid.every((o) => o.json instanceof Uint8Array && o.json.buffer === packed.json.buffer)).toBe(true);
    expect(Buffer.from(unpacked.valid[0]!.json as Uint8Array).toString('utf8')).toBe('{"name":"Zürich 東京 🙂"}');
    // Objects without a stated version (ipv4-addr--2) are reported by date_added, known only once stored: no list.
    expect(unpacked.successesJson).toBeUndefined();
    const empty = unpackEnvelope(packEnvelope({ total: 0, valid: [], failures: [] }).packed);
    expect({ ...empty, successesJson: jsonText(empty.successesJson!) }).toEqual({ total: 0, valid: [], failures: [], successesJson: '[]' });
  });

  it('renders the status successes list when every object states its version, and moves it along', () => {
    const valid = [
      { id: 'identity--1', type: 'identity', stated: '2024-01-01T00:00:00Z', versionKey: '2024-01-01T00:00:00.000000000Z', specVersion: '2.1', json: '{}' },
      { id: 'tool--2', type: 'tool', stated: '2024-02-01T00:00:00.5Z', versionKey: '2024-02-01T00:00:00.500000000Z', specVersion: '2.1', json: '{}' },
    ];
    const { packed, transfer } = packEnvelope({ total: 2, valid, failures: [] });
    expect(transfer).toContain(packed.successesJson!.buffer);
    const unpacked = unpackEnvelope(packed);
    expect(JSON.parse(jsonText(unpacked.successesJson!))).toEqual(valid.map((o) => ({ id: o.id, version: o.stated })));
  });

  it('refers to views of the body by offset and moves the body along, copying only the other texts', () => {
    const body = new Uint8Array(Buffer.from('{"objects":[{"a":1},{"b":2}]}'));
    const checked: CheckedEnvelope = {
      total: 3,
      valid: [
        { id: 'x--1', type: 'x', specVersion: '2.1', json: body.subarray(12, 19) },
        { id: 'x--2', type: 'x', specVersion: '2.1', json: '{"c":3}' },
        { id: 'x--3', type: 'x', specVersion: '2.1', json: body.subarray(20, 27) },
      ],
      failures: [],
    };
    const { packed, transfer } = packEnvelope(checked, body);
    expect(packed.json.byteLength).toBe(7);
    expect(transfer).toContain(body.buffer);
    const unpacked = unpackEnvelope(packed);
    expect(asText(unpacked)).toEqual(asText(checked));
    expect(unpacked.valid.map((o) => (o.json as Uint8Array).buffer === body.buffer)).toEqual([true, false, true]);
    // Without views of the body, the body does not travel.
    expect(packEnvelope({ ...checked, valid: [checked.valid[1]!] }, body).packed.body).toBeUndefined();
  });

  it('grows its buffer past the first 64 KiB', () => {
    const big = 'é'.repeat(50_000);
    const checked: CheckedEnvelope = {
      total: 3,
      valid: [1, 2, 3].map((n) => ({ id: `note--${n}`, type: 'note', specVersion: '2.1', json: JSON.stringify({ content: `${n}${big}` }) })),
      failures: [],
    };
    const { packed } = packEnvelope(checked);
    expect(packed.json.byteLength).toBe(checked.valid.reduce((sum, o) => sum + Buffer.byteLength(o.json as string), 0));
    expect(asText(unpackEnvelope(packed))).toEqual(checked);
  });
});
