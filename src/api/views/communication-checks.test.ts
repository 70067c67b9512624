import { describe, expect, it } from 'vitest';
import { signedAgreement, testParty } from '../../hotline/test-fixtures.ts';
import { checkStats, isDormant } from './communication-checks.ts';
import { durationStats, median, percentile } from './duration-stats.ts';

describe('duration stats', () => {
  it('computes the median (mean of the middle pair) and the nearest-rank p90', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(durationStats([30, 10, 20])).toEqual({ median: 20, p90: 30, values: [10, 20, 30] });
  });
});

describe('communication checks', () => {
  it('aggregates a check history', () => {
    const stats = checkStats([
      { sent_at: '2026-11-02T00:00:00.000Z', answered_at: null },
      { sent_at: '2026-11-01T00:00:00.000Z', answered_at: '2026-11-01T00:10:00.000Z' },
    ]);
    expect(stats).toMatchObject({ sent: 2, answered: 1, response_rate: 0.5, last_sent_at: '2026-11-02T00:00:00.000Z', last_answered_at: '2026-11-01T00:10:00.000Z', median_answer_seconds: 600 });
  });

  it('calls a counterpart dormant after 3 check intervals without an answered check', () => {
    const [a, b, c] = [testParty('A'), testParty('B'), testParty('C')];
    const agreement = signedAgreement([a, b]); // modified 2026-02-01, checks every 720 h (30 days)
    const day = 86_400_000;
    const answered = '2026-06-01T00:00:00.000Z';
    expect(isDormant(b.party.id, [agreement], answered, Date.parse(answered) + 89 * day)).toBe(false);
    expect(isDormant(b.party.id, [agreement], answered, Date.parse(answered) + 91 * day)).toBe(true);
    expect(isDormant(b.party.id, [agreement], null, Date.parse('2026-03-01T00:00:00.000Z'))).toBe(false);
    expect(isDormant(b.party.id, [agreement], null, Date.parse('2026-06-01T00:00:00.000Z'))).toBe(true);
    expect(isDormant(c.party.id, [agreement], null, Date.parse('2027-01-01T00:00:00.000Z'))).toBe(false);
  });
});
