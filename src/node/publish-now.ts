import type { StixObject } from '../federation/delivery-transport.ts';
import type { Message } from '../hotline/message.ts';
import { recordDelivery } from './delivery-recorder.ts';
import type { ParleyNode } from './parley-node.ts';
import { taxiiOutboxWriter } from './pull-mode.ts';

/** The delivery outcome a one-shot command records for a message it published for a pulling party. */
export const PUBLISHED_REASON = 'published in its outbox collection; waiting for its receipt';

/**
 * A one-shot command (no outbox worker) sending to a party that pulls from this node: the message is queued in the
 * durable outbox, written to the party's outbox collection and marked `published` there at once, so the serving
 * node confirms it when the receipt comes back. Recorded as not delivered yet (`PUBLISHED_REASON`).
 */
export async function publishNow(node: ParleyNode, message: Message, evidence: StixObject[], recipient: string): Promise<void> {
  const store = node.store.deliveries;
  const at = new Date().toISOString();
  await store.enqueue({ envelope: { message, evidence }, recipients: [recipient], enqueuedAt: at });
  const delivery = await store.find(message.id, message.modified, recipient);
  if (delivery && (delivery.state === 'queued' || delivery.state === 'failing')) {
    await taxiiOutboxWriter(node).write(recipient, [...evidence, message]);
    await store.markPublished(delivery.seq, at);
  }
  if ((await node.store.records.delivery(message.id, recipient))?.outcome === 'delivered') return;
  await recordDelivery(node, message, recipient, { outcome: 'failed', reason: PUBLISHED_REASON, retryable: true });
}
