import type { Message } from '../hotline/message.ts';
import type { Delivery, OutboxStore } from '../store/outbox-store.ts';
import type { DeliveryTarget, DeliveryTransport, StixObject, TransportReceipt } from './delivery-transport.ts';
import type { OutboxCollectionWriter } from './outbox-collection.ts';
import type { RetryPolicy } from './retry-policy.ts';

/** How a recipient is reached: pushed to its inbox, or published for it to pull. */
export type DeliveryRoute = { mode: 'push'; target: DeliveryTarget } | { mode: 'pull' };

/** What the outbox needs; everything but store, transport and route has a default. */
export interface OutboxOptions {
  store: OutboxStore;
  transport: DeliveryTransport;
  /** The route to a recipient, or undefined when none is known yet (the attempt fails and is retried). */
  route: (partyId: string) => Promise<DeliveryRoute | undefined>;
  /** Needed when any recipient is in pull mode. */
  collectionWriter?: OutboxCollectionWriter;
  policy?: RetryPolicy;
  /** Each attempt is aborted after this long (default 30 s). */
  attemptTimeoutMs?: number;
  /** Attempts in flight overall (default 8) and per recipient (default 1). */
  maxInFlight?: number;
  perRecipient?: number;
  /**
   * The most deliveries to one recipient carried by one attempt (default 32): due deliveries to the same
   * recipient go in one request (`deliverAll`), each with its own receipt or failure. 1 sends one per attempt, as
   * does a transport without `deliverAll`.
   */
  maxBatch?: number;
  /**
   * The worker looks at the store at least this often (default 2 s) while running, so that deliveries another
   * instance sharing the store enqueued (it wakes only its own worker) are picked up.
   */
  pollIntervalMs?: number;
  /** `stop()` waits this long for attempts in flight before aborting them (default 10 s). */
  stopTimeoutMs?: number;
  /** Checks each recipient may receive the envelope before anything is queued (the TLP forward guard); throws to refuse. */
  guard?: (message: Message, evidence: readonly StixObject[], recipient: string) => void | Promise<void>;
  /** Called once a receipt is stored with the delivery: the node files it with the sent message and logs it. */
  onDelivered?: (delivery: Delivery, receipt: TransportReceipt) => void | Promise<void>;
  /**
   * Called instead of `onDelivered` with every delivery of one attempt that came back with a receipt (all to one
   * recipient, in enqueue order) and the message each carried, so the node can file them together; and with
   * `markDelivered`, which marks them delivered in the outbox store: the hook calls it inside the transaction that
   * files the receipts, so that no delivery is marked without its receipt filed nor the other way round (if the hook
   * returns without calling it, the outbox marks them itself). When the hook throws, the attempt counts as not
   * recorded: what was not marked stays pending and is delivered again (the recipient answers with the same receipts).
   */
  onDeliveredAll?: (delivered: readonly { delivery: Delivery; receipt: TransportReceipt; message: Message }[], markDelivered: () => Promise<void>) => void | Promise<void>;
  /** Called when a hook or the store fails during an attempt; the delivery stays pending. */
  onError?: (error: unknown, delivery: Delivery) => void;
  now?: () => number;
  random?: () => number;
}
