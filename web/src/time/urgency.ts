import type { Priority, ThreadSummary } from '../api/types.ts';

const priorityRank: Readonly<Record<Priority, number>> = Object.freeze({ flash: 0, urgent: 1, routine: 2 });

/** True when the thread's next deadline has passed at `nowMs` (or the node already says so). */
export function isOverdue(thread: ThreadSummary, nowMs: number): boolean {
  const next = thread.next_deadline;
  if (next === null) return false;
  return next.overdue || Date.parse(next.due) <= nowMs;
}

/**
 * Orders threads as the contract does, re-evaluated at `nowMs` so a deadline passing while the page is open
 * moves its thread up: overdue first, then next deadline soonest, then flash > urgent > routine, then newest.
 */
export function sortByUrgency(threads: readonly ThreadSummary[], nowMs: number): ThreadSummary[] {
  const due = (t: ThreadSummary): number => (t.next_deadline ? Date.parse(t.next_deadline.due) : Infinity);
  return [...threads].sort((a, b) => {
    const overdue = Number(isOverdue(b, nowMs)) - Number(isOverdue(a, nowMs));
    if (overdue !== 0) return overdue;
    const soonest = due(a) - due(b);
    if (soonest !== 0 && !Number.isNaN(soonest)) return soonest;
    const priority = priorityRank[a.priority] - priorityRank[b.priority];
    if (priority !== 0) return priority;
    return Date.parse(b.last_activity) - Date.parse(a.last_activity);
  });
}
