import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import { deliveryTarget, recordDelivery } from '../node/delivery-recorder.ts';
import type { ParleyNode } from '../node/parley-node.ts';
import { publishNow } from '../node/publish-now.ts';
import type { DeliveryTransport, Dispatcher } from './delivery-transport.ts';

/**
 * Delivers at once through the transport, one attempt per recipient, and records the outcome and receipt.
 * No retries: the federation Outbox replaces it through the same Dispatcher seam.
 */
export class DirectDispatcher implements Dispatcher {
  readonly #node: ParleyNode;
  readonly #transport: DeliveryTransport;

  constructor(node: ParleyNode, transport: DeliveryTransport) {
    this.#node = node;
    this.#transport = transport;
  }

  async dispatch(message: Message, evidence: StixObject[], recipients: readonly string[]): Promise<void> {
    await Promise.all(recipients.map(async (recipient) => {
      if ((await this.#node.store.links.delivery(recipient)).outgoing === 'pull') return publishNow(this.#node, message, evidence, recipient);
      let target;
      try {
        target = await deliveryTarget(this.#node, recipient);
      } catch (error) {
        await recordDelivery(this.#node, message, recipient, { outcome: 'failed', reason: error instanceof Error ? error.message : String(error), retryable: true });
        return;
      }
      const result = await this.#transport.deliver(target, { message, evidence });
      await recordDelivery(this.#node, message, recipient, result);
    }));
  }
}
