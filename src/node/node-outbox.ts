import type { DeliveryTransport } from '../federation/delivery-transport.ts';
import { Outbox } from '../federation/outbox.ts';
import type { Message } from '../hotline/message.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import { checkDeliveries, fileDeliveries, type BatchOutcome } from './delivery-batch-recorder.ts';
import { recordDelivery } from './delivery-recorder.ts';
import type { ParleyNode } from './parley-node.ts';
import { routeFor, taxiiOutboxWriter } from './pull-mode.ts';

/** Options of createNodeOutbox. */
export interface NodeOutboxOptions {
  /** A hook failed, or a receipt was refused (the delivery stays recorded as attempted, the receipt unfiled). */
  onError?: (error: unknown) => void;
  /** A receipt was checked and filed with its sent message (for observers such as the bench). */
  onReceiptFiled?: (messageId: string, recipient: string) => void;
  /** The most messages to one recipient in one TAXII POST (default: the outbox's, 32). */
  maxBatch?: number;
  /** Attempts in flight per counterpart (default 2). */
  perRecipient?: number;
}

/** The outbox of a serving node and what `parley serve` does with it. */
export interface NodeOutbox {
  readonly outbox: Outbox;
  /** Queues what an earlier run stored as sent but never handed over, files receipts it did not, starts the worker. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Puts the federation outbox (persistent, retried with backoff and jitter, in thread order) behind the node's
 * dispatcher seam: a sent message is queued per recipient and pushed to the recipient's inbox; the receipt is
 * checked and filed with the sent message exactly as a direct delivery's would be.
 */
export function createNodeOutbox(node: ParleyNode, transport: DeliveryTransport, options: NodeOutboxOptions = {}): NodeOutbox {
  const store = node.store.deliveries;
  const outbox = new Outbox({
    store,
    transport,
    // Push to the party's inbox, or publish in its outbox collection when it pulls (`parley party mode`).
    route: (partyId) => routeFor(node, partyId),
    collectionWriter: taxiiOutboxWriter(node),
    // Two attempts per counterpart: the next batch is built and sent while the one ahead is being received (as the
    // direct dispatcher does); thread order holds, since a thread's next message is not due while one is in flight.
    perRecipient: options.perRecipient ?? 2,
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
    // The receipts of one attempt are checked (a shared checkpoint verified once), then marked delivered and filed in
    // one transaction, which the node's group commit may share with sent messages and other receipt batches.
    onDeliveredAll: async (delivered, markDelivered) => {
      // The message as delivered (the outbox's envelope), not read back and parsed again from the store.
      const outcomes: BatchOutcome[] = delivered.map(({ message, receipt }) => ({ message, result: { outcome: 'delivered', receipt } }));
      const recipient = delivered[0]!.delivery.recipient;
      const checked = await checkDeliveries(node, recipient, outcomes);
      await node.commits.run(async () => {
        await markDelivered();
        await fileDeliveries(node, recipient, checked);
      });
      for (const { record } of checked) {
        if (record.outcome === 'delivered') options.onReceiptFiled?.(record.messageId, record.recipient);
        else options.onError?.(new Error(record.reason ?? 'receipt refused'));
      }
    },
    ...(options.onError ? { onError: (error: unknown) => options.onError!(error) } : {}),
  });
  return {
    outbox,
    async start() {
      await requeueUnsent(node, store);
      await fileMissedReceipts(node, store);
      outbox.start();
    },
    stop: () => outbox.stop(),
  };
}

/**
 * A crash between committing a sent message and queueing it would lose it: at start, every sent message with a
 * recipient that has neither a delivery row nor a direct delivery on record is queued (oldest first; enqueueing is
 * idempotent per message version and recipient).
 */
async function requeueUnsent(node: ParleyNode, store: OutboxStore): Promise<void> {
  const pending: Message[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await node.store.hotline.listMessages({ direction: 'sent', limit: 1000, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    for (const stored of page) {
      const m = stored.message;
      const missing = [];
      for (const r of m.recipient_refs) {
        if ((await node.store.records.delivery(m.id, r))?.outcome === 'delivered') continue;
        if (await store.find(m.id, m.modified, r)) continue;
        missing.push(r);
      }
      if (missing.length > 0) pending.push(m);
    }
    if (page.length < 1000) break;
    beforeSeq = page.at(-1)!.seq;
  }
  for (const message of pending.reverse()) {
    const evidence = await node.service.evidenceOf(message);
    await store.enqueue({ envelope: { message, evidence }, recipients: message.recipient_refs, enqueuedAt: new Date().toISOString() });
  }
}

/**
 * The outbox marks a delivery delivered (with its receipt) before the node files the receipt with the sent message:
 * a crash in between would leave the sender without it for ever. At start, such receipts are filed.
 */
async function fileMissedReceipts(node: ParleyNode, store: OutboxStore): Promise<void> {
  for (const delivery of await store.list({ state: 'delivered', limit: 10_000 })) {
    if (!delivery.receipt || await node.store.records.heldReceipt(delivery.messageId, delivery.recipient)) continue;
    const stored = await node.store.hotline.getMessage(delivery.messageId, delivery.messageModified);
    if (stored) await recordDelivery(node, stored.message, delivery.recipient, { outcome: 'delivered', receipt: delivery.receipt });
  }
}
