import { ParleyError } from '../../errors.ts';
import type { HotlineStore } from '../../store/hotline-store.ts';
import { deadlineSteps, regulatoryDeadline, type DeadlineView } from './deadline-view.ts';
import { counterpartOf, type PartyDirectory } from './party-directory.ts';

export const DEADLINE_FILTERS = Object.freeze(['open', 'overdue', 'all'] as const);
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];

/** Reads `?state=`: `open` (still owed: open, overdue or escalated; the default), `overdue` (overdue or escalated), `all`. */
export function parseDeadlineFilter(value: string | undefined): DeadlineFilter {
  if (value === undefined || value === '') return 'open';
  if (!(DEADLINE_FILTERS as readonly string[]).includes(value)) throw new ParleyError('BAD_REQUEST', `state must be one of ${DEADLINE_FILTERS.join(', ')}`);
  return value as DeadlineFilter;
}

/** Every deadline step and regulatory clock (of one thread, when given), soonest due first. */
export async function listDeadlineViews(hotline: HotlineStore, directory: PartyDirectory, now: number, threadId?: string): Promise<DeadlineView[]> {
  const stored = await hotline.listDeadlines(threadId === undefined ? {} : { threadId });
  const views = stored.flatMap((d) => deadlineSteps(d, directory, now));
  const clocks = await hotline.listRegulatoryClocks();
  for (const clock of clocks) {
    const notification = (await hotline.getMessage(clock.messageId))?.message;
    if (!notification || (threadId !== undefined && notification.thread_id !== threadId)) continue;
    const counterpart = directory.ref(counterpartOf(directory.self.id, notification.sender_ref, notification.recipient_refs));
    views.push(regulatoryDeadline(clock, notification.thread_id, counterpart, now));
  }
  return views.sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || a.id.localeCompare(b.id));
}

/** Applies a `?state=` filter. */
export function filterDeadlines(views: readonly DeadlineView[], filter: DeadlineFilter): DeadlineView[] {
  if (filter === 'all') return [...views];
  if (filter === 'overdue') return views.filter((d) => d.state === 'overdue' || d.state === 'escalated');
  return views.filter((d) => d.state !== 'met');
}
