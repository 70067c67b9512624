import type { Deadline } from '../../hotline/deadlines.ts';
import type { StoredRegulatoryClock } from '../../store/hotline-store.ts';
import type { PartyDirectory, PartyRef } from './party-directory.ts';

/** One deadline as the API shows it: a single step (acknowledge, respond) or a regulatory clock. */
export interface DeadlineView {
  id: string;
  message_id: string;
  thread_id: string;
  counterpart: PartyRef;
  kind: 'acknowledge' | 'respond' | 'regulatory';
  label: string;
  due: string;
  state: 'open' | 'met' | 'overdue' | 'escalated';
  met_at: string | null;
  escalated_at: string | null;
}

const REGULATORY_LABELS: Readonly<Record<string, string>> = Object.freeze({
  'nis2-early-warning': 'NIS2 early warning',
  'nis2-incident-notification': 'NIS2 incident notification',
  'nis2-final-report': 'NIS2 final report',
  'circia-covered-incident-report': 'CIRCIA covered incident report',
  'circia-ransom-payment-report': 'CIRCIA ransom payment report',
});

function stepState(due: string, metAt: string | null, escalatedAt: string | null, now: number): DeadlineView['state'] {
  if (metAt !== null) return 'met';
  if (now <= Date.parse(due)) return 'open';
  return escalatedAt === null ? 'overdue' : 'escalated';
}

/**
 * The steps of a stored deadline: acknowledge (and respond when the rule sets one). A closure discharges what
 * is still owed, so a closed step counts as met at the closure.
 */
export function deadlineSteps(deadline: Deadline, directory: PartyDirectory, now: number): DeadlineView[] {
  const counterpart = directory.ref(deadline.owedBy === directory.self.id ? deadline.owedTo : deadline.owedBy);
  const owing = deadline.owedBy === directory.self.id ? 'us' : counterpart.name;
  const escalation = (step: string) => deadline.escalations.find((e) => e.step === step)?.at ?? null;
  const steps: DeadlineView[] = [];
  const ackMet = deadline.acknowledgedAt ?? deadline.closedAt ?? null;
  steps.push({
    id: `${deadline.messageId}/${deadline.owedBy}/acknowledge`,
    message_id: deadline.messageId, thread_id: deadline.threadId, counterpart, kind: 'acknowledge',
    label: `Acknowledgement of the ${deadline.priority} ${deadline.kind} owed by ${owing}`,
    due: deadline.acknowledgeBy, met_at: ackMet, escalated_at: escalation('acknowledge'),
    state: stepState(deadline.acknowledgeBy, ackMet, escalation('acknowledge'), now),
  });
  if (deadline.respondBy !== undefined) {
    const met = deadline.answeredAt ?? deadline.closedAt ?? null;
    steps.push({
      id: `${deadline.messageId}/${deadline.owedBy}/respond`,
      message_id: deadline.messageId, thread_id: deadline.threadId, counterpart, kind: 'respond',
      label: `Response to the ${deadline.priority} ${deadline.kind} owed by ${owing}`,
      due: deadline.respondBy, met_at: met, escalated_at: escalation('respond'),
      state: stepState(deadline.respondBy, met, escalation('respond'), now),
    });
  }
  return steps;
}

/** A regulatory reporting clock as a deadline of its notification's thread. */
export function regulatoryDeadline(clock: StoredRegulatoryClock, threadId: string, counterpart: PartyRef, now: number): DeadlineView {
  const metAt = clock.metAt ?? null;
  const escalatedAt = clock.escalatedAt ?? null;
  return {
    id: `${clock.messageId}/${clock.obligation}`,
    message_id: clock.messageId, thread_id: threadId, counterpart, kind: 'regulatory',
    label: REGULATORY_LABELS[clock.obligation] ?? clock.obligation,
    due: clock.due, met_at: metAt, escalated_at: escalatedAt,
    state: stepState(clock.due, metAt, escalatedAt, now),
  };
}

/** True while a deadline still asks for something (open, overdue or escalated). */
export function isPending(deadline: DeadlineView): boolean {
  return deadline.state !== 'met';
}

/** The most pressing pending deadline: overdue ones first, then the soonest due. */
export function mostPressing(deadlines: readonly DeadlineView[]): DeadlineView | undefined {
  return [...deadlines].filter(isPending).sort((a, b) => {
    const overdue = Number(b.state !== 'open') - Number(a.state !== 'open');
    return overdue !== 0 ? overdue : Date.parse(a.due) - Date.parse(b.due);
  })[0];
}
