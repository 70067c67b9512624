import { ParleyError } from '../errors.ts';
import type { Message } from '../hotline/message.ts';

/** One communication check with a counterpart: our ping, and when a person there answered it (ping-reply). */
export interface CommunicationCheck {
  pingId: string;
  sentAt: string;
  answeredAt?: string;
}

/** When a counterpart counts as dormant. */
export interface DormancyRule {
  /** Dormant after this many checks in a row went unanswered (default 3). */
  readonly maxUnanswered: number;
  /** Dormant when nothing was answered for this many check intervals (default 3). */
  readonly silentIntervals: number;
  /** The agreement's communication-check interval, in ms. */
  readonly intervalMs: number;
  /** A ping counts as unanswered only once this long has passed without a reply, in ms (default 1 h, the ping deadline). */
  readonly answerWindowMs: number;
}

/** The verdict on one counterpart. */
export interface DormancyVerdict {
  dormant: boolean;
  reasons: ('unanswered-checks' | 'silent')[];
  /** Unanswered checks since the last answered one. */
  consecutiveUnanswered: number;
  lastAnsweredAt?: string;
  /** The time silence is counted from: the last answer, or the first check when none was ever answered. */
  silentSince?: string;
}

/** A rule with the defaults filled in; throws BAD_REQUEST on non-positive values. */
export function dormancyRule(intervalMs: number, overrides: Partial<Omit<DormancyRule, 'intervalMs'>> = {}): DormancyRule {
  const rule = { maxUnanswered: 3, silentIntervals: 3, answerWindowMs: 3_600_000, ...overrides, intervalMs };
  for (const [key, value] of Object.entries(rule)) {
    if (!Number.isFinite(value) || value <= 0) throw new ParleyError('BAD_REQUEST', `dormancy rule: ${key} must be a positive number`);
  }
  return Object.freeze(rule);
}

/**
 * Dormant when `maxUnanswered` checks in a row went unanswered, or nothing was answered for `silentIntervals`
 * check intervals. A ping still inside its answer window counts neither way; a late answer still counts as an
 * answer (someone is there). With no checks sent there is nothing to judge: not dormant.
 */
export function assessDormancy(checks: readonly CommunicationCheck[], rule: DormancyRule, now: number): DormancyVerdict {
  const sorted = [...checks].sort((x, y) => Date.parse(x.sentAt) - Date.parse(y.sentAt));
  let consecutiveUnanswered = 0;
  let lastAnswered: number | undefined;
  for (const check of sorted) {
    if (check.answeredAt !== undefined) {
      consecutiveUnanswered = 0;
      lastAnswered = Math.max(lastAnswered ?? -Infinity, Date.parse(check.answeredAt));
    } else if (now - Date.parse(check.sentAt) >= rule.answerWindowMs) {
      consecutiveUnanswered += 1;
    }
  }
  const verdict: DormancyVerdict = { dormant: false, reasons: [], consecutiveUnanswered };
  if (sorted.length === 0) return verdict;
  if (lastAnswered !== undefined) verdict.lastAnsweredAt = new Date(lastAnswered).toISOString();
  const silentSince = lastAnswered ?? Date.parse(sorted[0].sentAt);
  verdict.silentSince = new Date(silentSince).toISOString();
  if (consecutiveUnanswered >= rule.maxUnanswered) verdict.reasons.push('unanswered-checks');
  if (now - silentSince > rule.silentIntervals * rule.intervalMs) verdict.reasons.push('silent');
  verdict.dormant = verdict.reasons.length > 0;
  return verdict;
}

/** The checks with `counterpart` found among messages: our pings to it, paired with its ping-replies. */
export function communicationChecks(messages: readonly Message[], self: string, counterpart: string): CommunicationCheck[] {
  const replies = new Map<string, string>();
  for (const m of messages) {
    if (m.kind === 'ping-reply' && m.sender_ref === counterpart && m.in_reply_to_ref !== undefined) {
      const earlier = replies.get(m.in_reply_to_ref);
      if (earlier === undefined || Date.parse(m.created) < Date.parse(earlier)) replies.set(m.in_reply_to_ref, m.created);
    }
  }
  return messages
    .filter((m) => m.kind === 'ping' && m.sender_ref === self && m.recipient_refs.includes(counterpart))
    .map((ping) => {
      const answeredAt = replies.get(ping.id);
      return answeredAt === undefined ? { pingId: ping.id, sentAt: ping.created } : { pingId: ping.id, sentAt: ping.created, answeredAt };
    });
}
