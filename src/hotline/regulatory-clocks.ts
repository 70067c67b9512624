import type { RegulatoryReporting } from './message.ts';
import { stixTimestamp } from './timestamps.ts';

export type RegulatoryObligation =
  | 'nis2-early-warning'
  | 'nis2-incident-notification'
  | 'nis2-final-report'
  | 'circia-covered-incident-report'
  | 'circia-ransom-payment-report';

/** Every obligation, in the order the clocks run out. */
export const REGULATORY_OBLIGATIONS: readonly RegulatoryObligation[] = Object.freeze([
  'nis2-early-warning', 'nis2-incident-notification', 'nis2-final-report', 'circia-covered-incident-report', 'circia-ransom-payment-report',
]);

export type ClockState = 'open' | 'met' | 'overdue';

/** One reporting obligation of the notifying party, with its absolute due time. */
export interface RegulatoryClock {
  obligation: RegulatoryObligation;
  regime: 'nis2' | 'circia';
  /** The moment the clock runs from. */
  startsAt: string;
  due: string;
  state: ClockState;
  metAt?: string;
  escalatedAt?: string;
}

const HOUR = 3_600_000;

/** Adds one calendar month in UTC, clamping to the last day of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addOneMonth(ms: number): number {
  const d = new Date(ms);
  const target = new Date(ms);
  target.setUTCDate(1);
  target.setUTCMonth(d.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

function clock(obligation: RegulatoryObligation, startsAt: number, due: number): RegulatoryClock {
  return { obligation, regime: obligation.startsWith('nis2') ? 'nis2' : 'circia', startsAt: stixTimestamp(startsAt), due: stixTimestamp(due), state: 'open' };
}

/**
 * The reporting clocks a notification starts for the notifying party.
 * NIS2 Art. 23(4): early warning within 24 h of awareness, incident notification within 72 h, final report one
 * month after the incident notification was submitted (until it is, counted from its 72 h due time).
 * CIRCIA 6 U.S.C. 681b(a): covered incident within 72 h of reasonable belief, ransom payment within 24 h of payment.
 */
export function regulatoryClocks(reporting: RegulatoryReporting, incidentNotificationSubmittedAt?: string): RegulatoryClock[] {
  const aware = Date.parse(reporting.awareness_time);
  const clocks: RegulatoryClock[] = [];
  if (reporting.regimes.includes('nis2')) {
    const notificationDue = aware + 72 * HOUR;
    const submitted = incidentNotificationSubmittedAt ? Date.parse(incidentNotificationSubmittedAt) : notificationDue;
    clocks.push(clock('nis2-early-warning', aware, aware + 24 * HOUR));
    clocks.push(clock('nis2-incident-notification', aware, notificationDue));
    clocks.push(clock('nis2-final-report', submitted, addOneMonth(submitted)));
  }
  if (reporting.regimes.includes('circia')) {
    clocks.push(clock('circia-covered-incident-report', aware, aware + 72 * HOUR));
    if (reporting.ransom_payment_time) {
      const paid = Date.parse(reporting.ransom_payment_time);
      clocks.push(clock('circia-ransom-payment-report', paid, paid + 24 * HOUR));
    }
  }
  return clocks;
}

/** Records that the report was made at `at` (late reports are met too; the escalation stays on record). */
export function markClockMet(clockToMark: RegulatoryClock, at: string): RegulatoryClock {
  return clockToMark.state === 'met' ? clockToMark : { ...clockToMark, state: 'met', metAt: at };
}

/** Checks a clock at `now`: an open clock past due becomes overdue and is escalated once. */
export function checkClockOverdue(c: RegulatoryClock, now: number): { clock: RegulatoryClock; escalated: boolean } {
  if (c.state === 'met' || now <= Date.parse(c.due)) return { clock: c, escalated: false };
  if (c.escalatedAt) return { clock: c, escalated: false };
  return { clock: { ...c, state: 'overdue', escalatedAt: stixTimestamp(now) }, escalated: true };
}
