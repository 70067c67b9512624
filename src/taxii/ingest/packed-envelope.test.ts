import { describe, expect, it } from 'vitest';
import type { CheckedEnvelope } from './check-envelope.ts';
import { packEnvelope, unpackEnvelope } from './packed-envelope.ts';

describe('packed envelopes', () => {
  it('round-trip every field, absent stated/versionKey, empty strings and non-ASCII text', () => {
    const checked: CheckedEnvelope = {
      total: 4,
      valid: [
        { id: 'identity--1', type: 'identity', stated: '2024-01-01T00:00:00Z', versionKey: '2024-01-01T00:00:00.000000000Z', specVersion: '2.1', json: '{"name":"Zürich 東京 🙂"}' },
        { id: 'ipv4-addr--2', type: 'ipv4-addr', specVersion: '2.1', json: '{}' },
        { id: '', type: 'x', stated: '', versionKey: '', specVersion: '', json: '' },
      ],
      failures: [{ id: 'bad', version: '', message: '$: no' }],
    };
    const packed = packEnvelope(checked);
    expect(packed.lengths).toHaveLength(18);
    expect(unpackEnvelope(packed)).toEqual(checked);
    expect(unpackEnvelope(packEnvelope({ total: 0, valid: [], failures: [] }))).toEqual({ total: 0, valid: [], failures: [] });
  });
});
