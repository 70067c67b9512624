import { checkOverdue, type Deadline } from '../hotline/deadlines.ts';
import { checkClockOverdue } from '../hotline/regulatory-clocks.ts';
import { objectDigest } from '../ledger/log-entry.ts';
import type { ParleyNode } from './parley-node.ts';

/**
 * Escalates every overdue deadline and regulatory clock once: the new state is stored and each escalation is a
 * `deadline-event` log entry, in one transaction. Deadlines are absolute times, so a restarted node catches up.
 * Several instances may check at once (the `deadlines` lease normally prevents it): each change is a
 * compare-and-set against the state read, so a deadline another check escalated first is skipped, not escalated
 * twice. On SQLite the IMMEDIATE transaction already serialises checks; on PostgreSQL (read committed) the
 * conditional update blocks on the other transaction's row lock and then finds the row changed.
 * Returns the deadlines escalated by this check.
 */
export async function checkDeadlines(node: ParleyNode, now: Date): Promise<Deadline[]> {
  const { hotline } = node.store;
  const at = now.toISOString();
  return node.store.transaction(async () => {
    const escalated: Deadline[] = [];
    for (const deadline of await hotline.listDeadlines({ states: ['open', 'acknowledged', 'overdue'] })) {
      const check = checkOverdue(deadline, now.getTime());
      if (check.deadline === deadline) continue;
      // Conditional on the state read: should another instance have escalated it first, it is not escalated again.
      if (!await hotline.replaceDeadline(deadline, check.deadline)) continue;
      if (check.newEscalations.length === 0) continue;
      escalated.push(check.deadline);
      await node.log.appendAll(check.newEscalations.map((e) => ({
        kind: 'deadline-event' as const, object_id: deadline.messageId, object_modified: e.at, digest: objectDigest(check.deadline), logged_at: at,
        detail: { event: 'escalated', step: e.step, owed_by: deadline.owedBy, owed_to: deadline.owedTo },
      })));
    }
    for (const clock of await hotline.listRegulatoryClocks({ states: ['open'] })) {
      const check = checkClockOverdue(clock, now.getTime());
      if (!check.escalated) continue;
      const next = { ...check.clock, messageId: clock.messageId };
      if (!await hotline.replaceRegulatoryClock(clock, next)) continue;
      await node.log.append({
        kind: 'deadline-event', object_id: clock.messageId, object_modified: clock.due, digest: objectDigest(next), logged_at: at,
        detail: { event: 'escalated', obligation: clock.obligation },
      });
    }
    return escalated;
  });
}
