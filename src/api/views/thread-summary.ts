import { messageTlp, type Message } from '../../hotline/message.ts';
import type { Priority } from '../../hotline/message-kinds.ts';
import type { TlpLevel } from '../../hotline/tlp.ts';
import type { StoredMessage } from '../../store/hotline-store.ts';
import { mostPressing, type DeadlineView } from './deadline-view.ts';
import { counterpartOf, type PartyDirectory, type PartyRef } from './party-directory.ts';

/** A thread in the inbox (api-contract: ThreadSummary). */
export interface ThreadSummary {
  thread_id: string;
  subject: string;
  kind: string;
  counterpart: PartyRef;
  priority: Priority;
  tlp: TlpLevel;
  state: 'open' | 'acknowledged' | 'answered' | 'closed';
  last_activity: string;
  message_count: number;
  next_deadline: { kind: DeadlineView['kind']; label: string; due: string; overdue: boolean } | null;
}

const PRIORITY_RANK: Readonly<Record<Priority, number>> = Object.freeze({ flash: 0, urgent: 1, routine: 2 });

/** Summarises one thread from its messages (creation order) and its deadlines. */
export function summariseThread(messages: readonly StoredMessage[], deadlines: readonly DeadlineView[], directory: PartyDirectory): ThreadSummary {
  const opener: Message = messages[0].message;
  const kinds = new Set(messages.map((m) => m.message.kind));
  const state = kinds.has('closure') ? 'closed'
    : kinds.has('response') || kinds.has('ping-reply') ? 'answered'
      : kinds.has('acknowledgement') ? 'acknowledged' : 'open';
  const next = state === 'closed' ? undefined : mostPressing(deadlines);
  return {
    thread_id: opener.thread_id,
    subject: opener.subject,
    kind: opener.kind,
    counterpart: directory.ref(counterpartOf(directory.self.id, opener.sender_ref, opener.recipient_refs)),
    priority: opener.priority,
    tlp: messageTlp(opener),
    state,
    last_activity: messages.map((m) => m.message.created).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
    message_count: messages.length,
    next_deadline: next ? { kind: next.kind, label: next.label, due: next.due, overdue: next.state !== 'open' } : null,
  };
}

/** Inbox order: overdue first, then the soonest next deadline, then flash > urgent > routine, then newest. */
export function compareByUrgency(a: ThreadSummary, b: ThreadSummary): number {
  const overdue = Number(b.next_deadline?.overdue ?? false) - Number(a.next_deadline?.overdue ?? false);
  if (overdue !== 0) return overdue;
  const dueA = a.next_deadline ? Date.parse(a.next_deadline.due) : Infinity;
  const dueB = b.next_deadline ? Date.parse(b.next_deadline.due) : Infinity;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  const priority = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (priority !== 0) return priority;
  return Date.parse(b.last_activity) - Date.parse(a.last_activity);
}
