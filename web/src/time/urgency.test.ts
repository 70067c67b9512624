import { describe, expect, it } from 'vitest';
import type { ThreadSummary } from '../api/types.ts';
import { isOverdue, sortByUrgency } from './urgency.ts';

const now = Date.parse('2026-11-23T10:00:00Z');

function thread(id: string, fields: Partial<ThreadSummary> & { due?: string; overdue?: boolean }): ThreadSummary {
  const { due, overdue, ...rest } = fields;
  return {
    thread_id: id,
    subject: id,
    kind: 'notification',
    counterpart: { id: 'identity--x', name: 'X' },
    priority: 'routine',
    tlp: 'amber',
    state: 'open',
    last_activity: '2026-11-23T09:00:00Z',
    message_count: 1,
    next_deadline: due ? { kind: 'acknowledge', label: 'ack', due, overdue: overdue ?? false } : null,
    ...rest,
  };
}

describe('isOverdue', () => {
  it('uses the clock, not only the flag from the node', () => {
    expect(isOverdue(thread('a', { due: '2026-11-23T09:59:59Z' }), now)).toBe(true);
    expect(isOverdue(thread('b', { due: '2026-11-23T10:00:01Z' }), now)).toBe(false);
    expect(isOverdue(thread('c', { due: '2026-11-23T11:00:00Z', overdue: true }), now)).toBe(true);
    expect(isOverdue(thread('d', {}), now)).toBe(false);
  });
});

describe('sortByUrgency', () => {
  it('puts overdue first, then soonest deadline, then priority, then newest', () => {
    const threads = [
      thread('no-deadline-old', { last_activity: '2026-11-20T00:00:00Z' }),
      thread('no-deadline-flash', { priority: 'flash', last_activity: '2026-11-19T00:00:00Z' }),
      thread('due-later', { due: '2026-11-23T12:00:00Z' }),
      thread('overdue', { due: '2026-11-23T09:00:00Z' }),
      thread('due-soon', { due: '2026-11-23T10:05:00Z' }),
      thread('no-deadline-new', { last_activity: '2026-11-22T00:00:00Z' }),
    ];
    expect(sortByUrgency(threads, now).map((t) => t.thread_id)).toEqual([
      'overdue',
      'due-soon',
      'due-later',
      'no-deadline-flash',
      'no-deadline-new',
      'no-deadline-old',
    ]);
  });
  it('moves a thread up once its deadline passes', () => {
    const threads = [thread('a', { due: '2026-11-23T10:00:30Z' }), thread('b', { due: '2026-11-23T09:59:00Z' })];
    expect(sortByUrgency(threads, now).map((t) => t.thread_id)).toEqual(['b', 'a']);
    const later = [thread('a', { due: '2026-11-23T10:00:30Z', priority: 'flash' }), thread('b', { due: '2026-11-23T09:59:00Z' })];
    expect(sortByUrgency(later, now + 60_000)[0].thread_id).toBe('b');
  });
  it('breaks equal deadlines by priority', () => {
    const due = '2026-11-23T11:00:00Z';
    const threads = [thread('r', { due }), thread('f', { due, priority: 'flash' }), thread('u', { due, priority: 'urgent' })];
    expect(sortByUrgency(threads, now).map((t) => t.thread_id)).toEqual(['f', 'u', 'r']);
  });
  it('does not change the input', () => {
    const threads = [thread('a', {}), thread('b', { due: '2026-11-23T09:00:00Z' })];
    sortByUrgency(threads, now);
    expect(threads[0].thread_id).toBe('a');
  });
});
