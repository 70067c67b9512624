import type { StoredMessage } from '../../store/hotline-store.ts';
import { median } from './duration-stats.ts';

/** One communication check: a ping this node sent to the party and when the party answered it. */
export interface CheckRecord {
  sent_at: string;
  answered_at: string | null;
}

/** Communication-check figures for one counterpart (PartyView.checks). */
export interface CheckStats {
  sent: number;
  answered: number;
  response_rate: number;
  last_sent_at: string | null;
  last_answered_at: string | null;
  median_answer_seconds: number | null;
  /** Every check, newest first. */
  history: CheckRecord[];
}

/** The checks (pings sent by this node) to one party, with their answers (ping replies from that party). */
export function checkHistory(messages: readonly StoredMessage[], partyId: string, from = -Infinity, to = Infinity): CheckRecord[] {
  const replies = new Map<string, string>();
  for (const { message, direction } of messages) {
    if (direction === 'received' && message.kind === 'ping-reply' && message.sender_ref === partyId && message.in_reply_to_ref) {
      const earlier = replies.get(message.in_reply_to_ref);
      if (earlier === undefined || Date.parse(message.created) < Date.parse(earlier)) replies.set(message.in_reply_to_ref, message.created);
    }
  }
  return messages
    .filter(({ message, direction }) => direction === 'sent' && message.kind === 'ping' && message.recipient_refs.includes(partyId))
    .filter(({ message }) => Date.parse(message.created) >= from && Date.parse(message.created) < to)
    .map(({ message }) => ({ sent_at: message.created, answered_at: replies.get(message.id) ?? null }))
    .sort((a, b) => Date.parse(b.sent_at) - Date.parse(a.sent_at));
}

/** Aggregates a check history. */
export function checkStats(history: CheckRecord[]): CheckStats {
  const answered = history.filter((c) => c.answered_at !== null);
  const seconds = answered.map((c) => (Date.parse(c.answered_at!) - Date.parse(c.sent_at)) / 1000);
  const latest = (times: string[]) => (times.length === 0 ? null : times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)));
  return {
    sent: history.length,
    answered: answered.length,
    response_rate: history.length === 0 ? 0 : answered.length / history.length,
    last_sent_at: latest(history.map((c) => c.sent_at)),
    last_answered_at: latest(answered.map((c) => c.answered_at!)),
    median_answer_seconds: median(seconds),
    history,
  };
}
