import { describe, expect, it } from 'vitest';
import { signedAgreement, testParty } from '../../hotline/test-fixtures.ts';
import { partyDormancy } from '../../federation/party-dormancy.ts';
import { buildMessage } from '../../hotline/message.ts';
import { checkStats } from './communication-checks.ts';
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

  it('calls a counterpart dormant by the federation rule: 3 unanswered checks, or silent for 3 check intervals', () => {
    const [a, b, c] = [testParty('A'), testParty('B'), testParty('C')];
    const agreement = signedAgreement([a, b]); // checks every 720 h (30 days)
    const hour = 3_600_000;
    const day = 24 * hour;
    const ping = (at: string) => buildMessage({
      kind: 'ping', senderRef: a.party.id, recipientRefs: [b.party.id], agreementRef: agreement.id, priority: 'routine', lang: 'en',
      subject: 'Communication check', body: 'Please reply by hand.', tlp: 'green', evidence: [], details: {}, at: new Date(at),
    });
    const pings = ['2026-06-01T00:00:00.000Z', '2026-06-02T00:00:00.000Z', '2026-06-03T00:00:00.000Z'].map(ping);
    const at = (iso: string) => Date.parse(iso);
    // No ping sent: not dormant, however long.
    expect(partyDormancy([], a.party.id, b.party.id, [agreement], at('2027-01-01T00:00:00.000Z')).dormant).toBe(false);
    // Three pings, the last still inside its 1 h answer window: two unanswered only.
    expect(partyDormancy(pings, a.party.id, b.party.id, [agreement], at('2026-06-03T00:30:00.000Z')).dormant).toBe(false);
    const three = partyDormancy(pings, a.party.id, b.party.id, [agreement], at('2026-06-03T02:00:00.000Z'));
    expect(three).toMatchObject({ dormant: true, reasons: ['unanswered-checks'], consecutiveUnanswered: 3 });
    // One ping, never answered: silent after 3 intervals (90 days) from it.
    expect(partyDormancy(pings.slice(0, 1), a.party.id, b.party.id, [agreement], at('2026-06-01T00:00:00.000Z') + 89 * day).dormant).toBe(false);
    expect(partyDormancy(pings.slice(0, 1), a.party.id, b.party.id, [agreement], at('2026-06-01T00:00:00.000Z') + 91 * day).reasons).toEqual(['silent']);
    // No shared agreement in force: never dormant.
    expect(partyDormancy(pings, a.party.id, c.party.id, [agreement], at('2027-01-01T00:00:00.000Z')).dormant).toBe(false);
  });
});
