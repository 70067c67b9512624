import { describe, expect, it } from 'vitest';
import { buildMessage } from '../hotline/message.ts';
import { signedAgreement, testParty } from '../hotline/test-fixtures.ts';
import { assessDormancy, communicationChecks, dormancyRule, type CommunicationCheck } from './dormancy.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
const rule = dormancyRule(DAY, { maxUnanswered: 3, silentIntervals: 4, answerWindowMs: 3_600_000 });
// One ping a day; `answered[i]` says whether ping i was answered (after 10 minutes).
const daily = (answered: boolean[]): CommunicationCheck[] =>
  answered.map((ok, i) => ({ pingId: `p${i}`, sentAt: at(T0 + i * DAY), ...(ok ? { answeredAt: at(T0 + i * DAY + 600_000) } : {}) }));

describe('dormancy', () => {
  it('is not dormant with no checks, or while answers keep coming', () => {
    expect(assessDormancy([], rule, T0)).toEqual({ dormant: false, reasons: [], consecutiveUnanswered: 0 });
    expect(assessDormancy(daily([true, false, true, false, false]), rule, T0 + 5 * DAY)).toMatchObject({ dormant: false, consecutiveUnanswered: 2 });
  });

  it('flags N consecutive unanswered checks', () => {
    const verdict = assessDormancy(daily([true, false, false, false]), rule, T0 + 3 * DAY + 3_600_000);
    expect(verdict).toEqual({ dormant: true, reasons: ['unanswered-checks'], consecutiveUnanswered: 3,
      lastAnsweredAt: at(T0 + 600_000), silentSince: at(T0 + 600_000) });
  });

  it('does not count a ping still inside its answer window, and counts a late answer as an answer', () => {
    expect(assessDormancy(daily([true, false, false, false]), rule, T0 + 3 * DAY + 3_599_999).consecutiveUnanswered).toBe(2);
    const late = [...daily([true, false, false]), { pingId: 'p3', sentAt: at(T0 + 3 * DAY), answeredAt: at(T0 + 3 * DAY + 5 * 3_600_000) }];
    expect(assessDormancy(late, rule, T0 + 3 * DAY + 6 * 3_600_000)).toMatchObject({ dormant: false, consecutiveUnanswered: 0 });
  });

  it('flags silence over K intervals even when few checks were sent', () => {
    const checks = daily([true]);
    expect(assessDormancy(checks, rule, T0 + 600_000 + 4 * DAY).dormant).toBe(false);
    expect(assessDormancy(checks, rule, T0 + 600_000 + 4 * DAY + 1)).toMatchObject({ dormant: true, reasons: ['silent'], consecutiveUnanswered: 0 });
  });

  it('counts silence from the first check when the counterpart never answered', () => {
    expect(assessDormancy(daily([false]), rule, T0 + 4 * DAY + 1)).toMatchObject({ dormant: true, reasons: ['silent'], silentSince: at(T0) });
  });

  it('rejects a nonsensical rule', () => {
    expect(() => dormancyRule(0)).toThrow(/intervalMs/);
    expect(() => dormancyRule(DAY, { maxUnanswered: -1 })).toThrow(/maxUnanswered/);
  });

  it('pairs our pings with the counterpart’s ping-replies', () => {
    const a = testParty('CERT-A');
    const b = testParty('CERT-B');
    const agreement = signedAgreement([a, b]);
    const common = { agreementRef: agreement.id, priority: 'routine' as const, lang: 'en', subject: 'check', body: '', tlp: 'green' as const };
    const ping1 = buildMessage({ ...common, kind: 'ping', senderRef: a.party.id, recipientRefs: [b.party.id], at: T0 });
    const ping2 = buildMessage({ ...common, kind: 'ping', senderRef: a.party.id, recipientRefs: [b.party.id], at: T0 + DAY });
    const theirs = buildMessage({ ...common, kind: 'ping', senderRef: b.party.id, recipientRefs: [a.party.id], at: T0 });
    const reply = buildMessage({ ...common, kind: 'ping-reply', senderRef: b.party.id, recipientRefs: [a.party.id], replyTo: ping1, at: T0 + 600_000 });
    expect(communicationChecks([ping1, ping2, theirs, reply], a.party.id, b.party.id)).toEqual([
      { pingId: ping1.id, sentAt: ping1.created, answeredAt: reply.created },
      { pingId: ping2.id, sentAt: ping2.created },
    ]);
  });
});
