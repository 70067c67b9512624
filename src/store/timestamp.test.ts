import { describe, expect, it } from 'vitest';
import { parseMicros, renderMicros, versionKey } from './timestamp.ts';

describe('timestamps', () => {
  it('round-trips microseconds through RFC 3339 with six digits', () => {
    const micros = parseMicros('2024-02-29T23:59:59.123456Z');
    expect(renderMicros(micros)).toBe('2024-02-29T23:59:59.123456Z');
    expect(renderMicros(parseMicros('2024-01-01T00:00:00Z'))).toBe('2024-01-01T00:00:00.000000Z');
    expect(parseMicros('2024-01-01T00:00:00.1234569Z')).toBe(parseMicros('2024-01-01T00:00:00.123456Z'));
  });
  it('gives equal instants equal version keys and orders them', () => {
    expect(versionKey('2024-01-01T00:00:00Z')).toBe(versionKey('2024-01-01T00:00:00.000Z'));
    expect(versionKey('2024-01-01T00:00:00.1Z') > versionKey('2024-01-01T00:00:00.01Z')).toBe(true);
  });
  it('refuses what is not a UTC calendar time', () => {
    for (const bad of ['2024-13-01T00:00:00Z', '2023-02-29T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01 00:00:00Z', '2024-01-01T00:00:00+01:00', 'yesterday']) {
      expect(() => versionKey(bad), bad).toThrow(/RFC 3339/);
    }
    expect(() => parseMicros('2024-02-30T00:00:00Z')).toThrow(/RFC 3339/);
    expect(versionKey('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000000000Z');
  });
});
