import type { Agreement } from '../hotline/agreement.ts';
import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import { checkForward } from '../federation/forward-guard.ts';
import type { HotlineStore } from '../store/hotline-store.ts';
import type { NodeRecordStore } from '../store/node-record-store.ts';

/**
 * Runs the federation's TLP forward guard (`checkForward`) for every recipient of a message about to be sent: each
 * evidence object this node received is judged against the first message it arrived in (its first disclosure), so
 * TLP:RED evidence from one party cannot go on to a party it did not name, even when the object carries no maker.
 * Throws TLP_VIOLATION before anything is stored or queued.
 */
export async function checkSendForward(message: Message, evidence: readonly StixObject[], agreement: Agreement, hotline: HotlineStore, records: NodeRecordStore): Promise<void> {
  const firstDisclosure = new Map<string, Message>();
  for (const object of evidence) {
    let first: { message: Message; at: string } | undefined;
    for (const id of await records.messagesCarrying(object.id)) {
      const stored = await hotline.getMessage(id);
      if (stored?.direction !== 'received') continue;
      if (!first || stored.message.created < first.at) first = { message: stored.message, at: stored.message.created };
    }
    if (first) firstDisclosure.set(object.id, first.message);
  }
  for (const targetRef of message.recipient_refs) {
    checkForward(message, evidence, { target: { targetRef }, communityRefs: agreement.party_refs, receivedIn: (id) => firstDisclosure.get(id) });
  }
}
