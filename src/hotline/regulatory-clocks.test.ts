import { describe, expect, it } from 'vitest';
import { addOneMonth, checkClockOverdue, markClockMet, regulatoryClocks } from './regulatory-clocks.ts';

const AWARE = '2026-03-30T14:00:00.000Z';
const due = (clocks: ReturnType<typeof regulatoryClocks>) => Object.fromEntries(clocks.map((c) => [c.obligation, c.due]));

describe('regulatory clocks', () => {
  it('NIS2: early warning 24 h, notification 72 h, final report one month after the notification', () => {
    expect(due(regulatoryClocks({ regimes: ['nis2'], awareness_time: AWARE }))).toEqual({
      'nis2-early-warning': '2026-03-31T14:00:00.000Z',
      'nis2-incident-notification': '2026-04-02T14:00:00.000Z',
      'nis2-final-report': '2026-05-02T14:00:00.000Z',
    });
  });
  it('NIS2: the final report runs from the actual submission of the incident notification', () => {
    const clocks = regulatoryClocks({ regimes: ['nis2'], awareness_time: AWARE }, '2026-03-31T10:00:00.000Z');
    expect(due(clocks)['nis2-final-report']).toBe('2026-04-30T10:00:00.000Z');
  });
  it('CIRCIA: covered incident 72 h, ransom payment 24 h after payment', () => {
    const clocks = regulatoryClocks({ regimes: ['circia'], awareness_time: AWARE, ransom_payment_time: '2026-04-01T09:30:00.000Z' });
    expect(due(clocks)).toEqual({
      'circia-covered-incident-report': '2026-04-02T14:00:00.000Z',
      'circia-ransom-payment-report': '2026-04-02T09:30:00.000Z',
    });
    expect(clocks.every((c) => c.regime === 'circia' && c.state === 'open')).toBe(true);
  });
  it('runs both regimes side by side', () => {
    expect(regulatoryClocks({ regimes: ['nis2', 'circia'], awareness_time: AWARE })).toHaveLength(4);
  });
  it('adds a calendar month, clamping to the end of shorter months', () => {
    expect(new Date(addOneMonth(Date.parse('2026-01-31T12:00:00.000Z'))).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(new Date(addOneMonth(Date.parse('2028-01-31T12:00:00.000Z'))).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(new Date(addOneMonth(Date.parse('2026-12-15T00:00:00.000Z'))).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });
  it('turns overdue once, escalates once, and records a late report as met', () => {
    const [early] = regulatoryClocks({ regimes: ['nis2'], awareness_time: AWARE });
    expect(checkClockOverdue(early, Date.parse(early.due)).escalated).toBe(false);
    const late = checkClockOverdue(early, Date.parse(early.due) + 1);
    expect(late).toMatchObject({ escalated: true, clock: { state: 'overdue' } });
    expect(checkClockOverdue(late.clock, Date.parse(early.due) + 5).escalated).toBe(false);
    const met = markClockMet(late.clock, '2026-04-01T00:00:00.000Z');
    expect(met).toMatchObject({ state: 'met', metAt: '2026-04-01T00:00:00.000Z' });
    expect(met.escalatedAt).toBe(late.clock.escalatedAt);
    expect(checkClockOverdue(markClockMet(early, AWARE), Date.parse(early.due) + 1).escalated).toBe(false);
  });
});
