import { describe, expect, it } from 'vitest';
import { reviewPath, reviewPeriod } from './review-period.ts';

const now = Date.parse('2026-11-23T10:00:00Z');

describe('reviewPeriod', () => {
  it('ends a preset now', () => {
    expect(reviewPeriod('7d', now)).toEqual({ from: '2026-11-16T10:00:00.000Z', to: '2026-11-23T10:00:00.000Z' });
    expect(reviewPeriod('365d', now)?.from).toBe('2025-11-23T10:00:00.000Z');
  });
  it('covers whole days in a custom period', () => {
    expect(reviewPeriod('custom', now, '2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' });
  });
  it('refuses unusable custom dates', () => {
    expect(reviewPeriod('custom', now, '', '2026-11-30')).toBeNull();
    expect(reviewPeriod('custom', now, '2026-12-01', '2026-11-30')).toBeNull();
  });
});

describe('reviewPath', () => {
  it('encodes the period and the counterpart', () => {
    const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' };
    expect(reviewPath(period, '')).toBe('/api/review?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-30T23%3A59%3A59.999Z');
    expect(reviewPath(period, 'identity--b')).toContain('&counterpart=identity--b');
  });
});
