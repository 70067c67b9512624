import { deadlineRule, type Agreement } from './agreement.ts';
import type { Message } from './message.ts';
import { isAwaitedKind, type AwaitedKind, type Priority } from './message-kinds.ts';
import { stixTimestamp } from './timestamps.ts';

export type DeadlineState = 'open' | 'acknowledged' | 'answered' | 'overdue' | 'closed';
export type DeadlineStep = 'acknowledge' | 'respond';

/** A recorded escalation: which step was missed and when the miss was detected. */
export interface Escalation {
  step: DeadlineStep;
  at: string;
}

/** What one recipient owes the sender for one message; times are absolute, so a restart loses nothing. */
export interface Deadline {
  messageId: string;
  threadId: string;
  kind: AwaitedKind;
  priority: Priority;
  /** The recipient who must acknowledge and respond. */
  owedBy: string;
  /** The sender waiting for the answer. */
  owedTo: string;
  agreementId: string;
  agreementVersion: number;
  acknowledgeBy: string;
  respondBy?: string;
  state: DeadlineState;
  acknowledgedAt?: string;
  answeredAt?: string;
  closedAt?: string;
  escalations: Escalation[];
}

const MINUTE = 60_000;

/** The deadlines a message starts, one per recipient, from the rule for its kind and priority in the agreement in force. */
export function deadlinesFor(message: Message, agreement: Agreement): Deadline[] {
  if (!isAwaitedKind(message.kind)) return [];
  const rule = deadlineRule(agreement, message.kind, message.priority);
  if (!rule) return [];
  const sent = Date.parse(message.created);
  return message.recipient_refs.map((owedBy) => ({
    messageId: message.id,
    threadId: message.thread_id,
    kind: rule.kind,
    priority: rule.priority,
    owedBy,
    owedTo: message.sender_ref,
    agreementId: agreement.id,
    agreementVersion: agreement.version,
    acknowledgeBy: stixTimestamp(sent + rule.acknowledge_minutes * MINUTE),
    ...(rule.respond_minutes === undefined ? {} : { respondBy: stixTimestamp(sent + rule.respond_minutes * MINUTE) }),
    state: 'open' as const,
    escalations: [],
  }));
}

/** The state of a deadline at `now` (answers recorded so far, plus the clock). */
export function deadlineStateAt(deadline: Deadline, now: number): DeadlineState {
  if (deadline.closedAt) return 'closed';
  if (deadline.answeredAt) return 'answered';
  if (missedSteps(deadline, now).length > 0) return 'overdue';
  return deadline.acknowledgedAt ? 'acknowledged' : 'open';
}

function missedSteps(deadline: Deadline, now: number): DeadlineStep[] {
  if (deadline.closedAt || deadline.answeredAt) return [];
  const missed: DeadlineStep[] = [];
  if (!deadline.acknowledgedAt && now > Date.parse(deadline.acknowledgeBy)) missed.push('acknowledge');
  if (deadline.respondBy && now > Date.parse(deadline.respondBy)) missed.push('respond');
  return missed;
}

/**
 * Records an answer: an acknowledgement by the recipient acknowledges, a response (or ping reply) answers, a
 * closure by either side closes every deadline of the thread. Returns the deadline unchanged when the message
 * does not bear on it.
 */
export function applyAnswer(deadline: Deadline, answer: Message): Deadline {
  const at = answer.created;
  const now = Date.parse(at);
  if (answer.kind === 'closure') {
    const inThread = answer.thread_id === deadline.threadId;
    const byParticipant = answer.sender_ref === deadline.owedBy || answer.sender_ref === deadline.owedTo;
    if (!inThread || !byParticipant || deadline.closedAt) return deadline;
    return { ...deadline, closedAt: at, state: 'closed' };
  }
  if (answer.in_reply_to_ref !== deadline.messageId || answer.sender_ref !== deadline.owedBy) return deadline;
  let next: Deadline = deadline;
  if (answer.kind === 'acknowledgement' && !deadline.acknowledgedAt) next = { ...deadline, acknowledgedAt: at };
  if ((answer.kind === 'response' || answer.kind === 'ping-reply') && !deadline.answeredAt) {
    // An answer also acknowledges: nobody should be chased for an acknowledgement after responding.
    next = { ...deadline, acknowledgedAt: deadline.acknowledgedAt ?? at, answeredAt: at };
  }
  return next === deadline ? deadline : { ...next, state: deadlineStateAt(next, now) };
}

/** A deadline after an overdue check, with the escalations this check added (each step escalates once). */
export interface OverdueCheck {
  deadline: Deadline;
  newEscalations: Escalation[];
}

/** Checks a deadline at `now`: marks it overdue and escalates each missed step the first time it is seen. */
export function checkOverdue(deadline: Deadline, now: number): OverdueCheck {
  const already = new Set(deadline.escalations.map((e) => e.step));
  const newEscalations = missedSteps(deadline, now)
    .filter((step) => !already.has(step))
    .map((step) => ({ step, at: stixTimestamp(now) }));
  const state = deadlineStateAt(deadline, now);
  if (newEscalations.length === 0 && state === deadline.state) return { deadline, newEscalations };
  return { deadline: { ...deadline, state, escalations: [...deadline.escalations, ...newEscalations] }, newEscalations };
}
