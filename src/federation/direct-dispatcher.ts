import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import { recordDeliveries } from '../node/delivery-batch-recorder.ts';
import { deliveryTarget } from '../node/delivery-recorder.ts';
import type { ParleyNode } from '../node/parley-node.ts';
import { publishNow } from '../node/publish-now.ts';
import type { DeliveryEnvelope, DeliveryResult, DeliveryTransport, Dispatcher } from './delivery-transport.ts';
import { RecipientBatcher } from './recipient-batcher.ts';

/**
 * Delivers at once through the transport, one attempt per recipient, and records the outcome and receipt.
 * Messages dispatched to one recipient while its earlier ones are on the wire go together in one envelope (when
 * the transport can carry several) and are recorded in one transaction. No retries: the federation Outbox
 * replaces it through the same Dispatcher seam.
 */
export class DirectDispatcher implements Dispatcher {
  readonly #node: ParleyNode;
  readonly #transport: DeliveryTransport;
  readonly #batcher: RecipientBatcher<DeliveryEnvelope, void>;

  constructor(node: ParleyNode, transport: DeliveryTransport, options: { maxBatch?: number; maxInFlight?: number } = {}) {
    this.#node = node;
    this.#transport = transport;
    this.#batcher = new RecipientBatcher({ ...options, run: (recipient, envelopes) => this.#deliver(recipient, envelopes) });
  }

  async dispatch(message: Message, evidence: StixObject[], recipients: readonly string[]): Promise<void> {
    await Promise.all(recipients.map(async (recipient) => {
      // A pull-mode counterpart fetches from its outbox collection here: nothing to send.
      if ((await this.#node.store.links.delivery(recipient)).outgoing === 'pull') return publishNow(this.#node, message, evidence, recipient);
      return this.#batcher.submit(recipient, { message, evidence });
    }));
  }

  async #deliver(recipient: string, envelopes: readonly DeliveryEnvelope[]): Promise<void[]> {
    let results: DeliveryResult[];
    try {
      const target = await deliveryTarget(this.#node, recipient);
      const transport = this.#transport;
      results = transport.deliverAll
        ? await transport.deliverAll(target, envelopes)
        : await Promise.all(envelopes.map((e) => transport.deliver(target, e)));
    } catch (error) {
      const failed: DeliveryResult = { outcome: 'failed', reason: error instanceof Error ? error.message : String(error), retryable: true };
      results = envelopes.map(() => failed);
    }
    await recordDeliveries(this.#node, recipient, envelopes.map((e, i) => ({ message: e.message, result: results[i]! })));
    return envelopes.map(() => undefined);
  }
}
