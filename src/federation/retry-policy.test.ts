import { describe, expect, it } from 'vitest';
import { afterFailure, backoffCap, DEFAULT_RETRY_POLICY, retryPolicy } from './retry-policy.ts';

describe('retry policy', () => {
  const policy = retryPolicy({ baseMs: 100, factor: 2, maxDelayMs: 1000, giveUpAfterMs: 10_000 });

  it('grows the cap exponentially up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffCap(policy, n))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffCap(policy, 5000)).toBe(1000);
  });

  it('draws a full-jitter delay in [0, cap)', () => {
    expect(afterFailure(policy, 3, 0, 1000, () => 0)).toEqual({ action: 'retry', at: 1000, delayMs: 0 });
    expect(afterFailure(policy, 3, 0, 1000, () => 0.5)).toEqual({ action: 'retry', at: 1200, delayMs: 200 });
    expect(afterFailure(policy, 3, 0, 1000, () => 0.999)).toEqual({ action: 'retry', at: 1399, delayMs: 399 });
    const delays = Array.from({ length: 200 }, () => {
      const d = afterFailure(policy, 10, 0, 0);
      return d.action === 'retry' ? d.delayMs : -1;
    });
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(1000);
    expect(new Set(delays).size).toBeGreaterThan(10);
  });

  it('gives up once the give-up time has passed since enqueueing, and never schedules past it', () => {
    expect(afterFailure(policy, 7, 0, 10_000, () => 0.5)).toEqual({ action: 'give-up' });
    expect(afterFailure(policy, 7, 0, 9_900, () => 0.9)).toEqual({ action: 'retry', at: 10_000, delayMs: 100 });
  });

  it('defaults to 72 hours before giving up and rejects nonsense', () => {
    expect(DEFAULT_RETRY_POLICY.giveUpAfterMs).toBe(72 * 3_600_000);
    expect(Object.isFrozen(retryPolicy())).toBe(true);
    expect(() => retryPolicy({ baseMs: 0 })).toThrow(/baseMs/);
    expect(() => retryPolicy({ factor: 0.5 })).toThrow(/factor/);
    expect(() => retryPolicy({ baseMs: 10, maxDelayMs: 5 })).toThrow(/maxDelayMs/);
  });
});
