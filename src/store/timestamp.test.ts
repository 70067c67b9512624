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
  it('reads every field by position: keys and microseconds agree with Date for 2,000 seeded timestamps', () => {
    let seed = 20261205;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const [year, month, day, hour, minute, second] = [1 + next(9999), next(14), next(33), next(26), next(62), next(62)];
      const digits = next(11);
      const fraction = digits === 0 ? '' : `.${Array.from({ length: digits }, () => next(10)).join('')}`;
      const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}Z`;
      // Date accepts no leap second and rolls nothing over: a field out of range fails the round trip.
      const date = new Date(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)));
      date.setUTCFullYear(year);
      const valid = month >= 1 && day >= 1 && second <= 60 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute;
      if (!valid) {
        expect(() => versionKey(text), text).toThrow(/RFC 3339/);
        continue;
      }
      accepted++;
      expect(versionKey(text), text).toBe(`${text.slice(0, 19)}.${fraction.slice(1).padEnd(9, '0').slice(0, 9)}Z`);
      if (second < 60) expect(parseMicros(text), text).toBe(date.getTime() * 1000 + Number(fraction.slice(1).padEnd(6, '0').slice(0, 6)));
    }
    expect(accepted).toBeGreaterThan(200);
  });
});
