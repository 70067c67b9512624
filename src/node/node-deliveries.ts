import type { DeliveryView } from '../api/api-node.ts';
import type { Delivery, DeliveryFilter, OutboxStore } from '../store/outbox-store.ts';

/** The node's outbox as its readers see it (`parley outbox`, `GET /api/outbox`): the durable delivery rows. */
export interface NodeDeliveries {
  /** Deliveries, newest first (limit 1–10000, default 100). */
  list(filter?: DeliveryFilter): Promise<Delivery[]>;
  /** Up to 10000 newest deliveries in the API's shape. */
  deliveries(): Promise<DeliveryView[]>;
  /** Failing deliveries (to `recipient` when given) due now rather than at their backoff time; how many. */
  retryNow(recipient?: string): Promise<number>;
}

/** One delivery row as `GET /api/outbox` shows it; a rejection's code and reason stand in `last_error`. */
export function deliveryView(d: Delivery): DeliveryView {
  const lastError = d.state === 'rejected' ? `${d.rejectCode ?? ''}: ${d.rejectReason ?? ''}` : d.lastError;
  const pending = d.state === 'queued' || d.state === 'failing';
  return {
    message_id: d.messageId, recipient: d.recipient, state: d.state, attempts: d.attempts,
    last_error: lastError ?? null, next_attempt_at: pending ? (d.nextAttemptAt ?? null) : null,
  };
}

/** The operator's view of the node's durable outbox. */
export function nodeDeliveries(store: OutboxStore): NodeDeliveries {
  return Object.freeze({
    list: (filter?: DeliveryFilter) => store.list(filter),
    deliveries: async () => (await store.list({ limit: 10_000 })).map(deliveryView),
    retryNow: (recipient?: string) => store.retryNow(new Date().toISOString(), recipient),
  });
}
