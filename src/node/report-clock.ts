import { ParleyError } from '../errors.ts';
import { addOneMonth, markClockMet, type RegulatoryObligation } from '../hotline/regulatory-clocks.ts';
import { stixTimestamp } from '../hotline/timestamps.ts';
import { objectDigest } from '../ledger/log-entry.ts';
import type { MerkleLog } from '../ledger/merkle-log.ts';
import type { HotlineStore, StoredRegulatoryClock } from '../store/hotline-store.ts';
import type { Store } from '../store/store.ts';

/** What recording a report needs of a node: its hotline store, in one transaction with its log. */
export interface ClockNode {
  readonly store: Store & { readonly hotline: HotlineStore };
  readonly log: MerkleLog;
}

/**
 * Records that the party filed the report a regulatory clock asks for, at `at`, and logs it (`deadline-event`,
 * event `met`). Filing the NIS2 incident notification restarts the final report's month from that moment
 * (Art. 23(4)(d)), unless the final report is already filed.
 */
export async function reportClockMet(node: ClockNode, messageId: string, obligation: RegulatoryObligation, at: Date, now: Date = new Date()): Promise<StoredRegulatoryClock[]> {
  const { hotline } = node.store;
  return node.store.transaction(async () => {
    const stored = await hotline.getMessage(messageId);
    if (!stored) throw new ParleyError('NOT_FOUND', `no message ${messageId}`);
    // The clocks are the notifying party's own obligations: the recipient sees them but cannot file for it.
    if (stored.direction !== 'sent') throw new ParleyError('FORBIDDEN', `${messageId} was sent by another party; only the notifying party records its reports`);
    const clocks = await hotline.listRegulatoryClocks({ messageId });
    if (clocks.length === 0) throw new ParleyError('NOT_FOUND', `message ${messageId} has no regulatory clocks`);
    const clock = clocks.find((c) => c.obligation === obligation);
    if (!clock) throw new ParleyError('NOT_FOUND', `message ${messageId} has no ${obligation} clock (it has ${clocks.map((c) => c.obligation).join(', ')})`);
    if (clock.state === 'met') throw new ParleyError('CONFLICT', `${obligation} of ${messageId} was already met at ${clock.metAt}`);
    if (at.getTime() < Date.parse(clock.startsAt)) throw new ParleyError('BAD_REQUEST', `${obligation} cannot be met before its clock started (${clock.startsAt})`);
    const when = stixTimestamp(at.getTime());
    const changed: StoredRegulatoryClock[] = [{ ...markClockMet(clock, when), messageId }];
    const final = clocks.find((c) => c.obligation === 'nis2-final-report');
    if (obligation === 'nis2-incident-notification' && final && final.state !== 'met') {
      const due = addOneMonth(at.getTime());
      // Re-opened only when the new due time is still ahead; an escalation already made stays on record.
      const state = final.state === 'overdue' && now.getTime() <= due ? 'open' : final.state;
      changed.push({ ...final, startsAt: when, due: stixTimestamp(due), state });
    }
    await hotline.putRegulatoryClocks(changed);
    await node.log.append({
      kind: 'deadline-event', object_id: messageId, object_modified: when, digest: objectDigest(changed[0]!),
      detail: { event: 'met', obligation },
    });
    return changed;
  });
}
