import type { StixObject, TransportReceipt } from '../federation/delivery-transport.ts';
import type { Message } from '../hotline/message.ts';

/**
 * Where one delivery stands. `published` is for pull-mode recipients: the envelope sits in their outbox
 * collection and the delivery completes when their receipt comes back.
 */
export type DeliveryState = 'queued' | 'failing' | 'delivered' | 'given-up' | 'rejected' | 'published';

export const DELIVERY_STATES: readonly DeliveryState[] = Object.freeze(['queued', 'failing', 'delivered', 'given-up', 'rejected', 'published']);

/** One message (id + modified) on its way to one recipient. */
export interface Delivery {
  /** Enqueue order: a larger seq was enqueued later. */
  seq: number;
  messageId: string;
  messageModified: string;
  threadId: string;
  recipient: string;
  state: DeliveryState;
  enqueuedAt: string;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
  receipt?: TransportReceipt;
  rejectCode?: string;
  rejectReason?: string;
  /** When it was given up, rejected or published. */
  settledAt?: string;
}

/** The envelope as it will be sent. */
export interface OutboxEnvelope {
  message: Message;
  evidence: StixObject[];
}

/** What to enqueue. */
export interface EnqueueRequest {
  envelope: OutboxEnvelope;
  recipients: readonly string[];
  enqueuedAt: string;
}

/** Filters for `list`; newest first. */
export interface DeliveryFilter {
  state?: DeliveryState;
  recipient?: string;
  messageId?: string;
  limit?: number;
}

/** Narrowing of `due` for the worker: what is in flight or busy, and how many per recipient at most. */
export interface DueOptions {
  excludeSeqs?: readonly number[];
  excludeRecipients?: readonly string[];
  perRecipient?: number;
}

/** The durable queue of deliveries behind the outbox. */
export interface OutboxStore {
  /** Enqueues one delivery per recipient; an existing (id + modified, recipient) is left untouched. Returns the new ones. */
  enqueue(request: EnqueueRequest): Promise<Delivery[]>;
  /**
   * Deliveries whose attempt is due at `now` and whose earlier deliveries in the same thread to the same
   * recipient are all settled (delivered, given up, rejected or published), oldest first.
   */
  due(now: string, limit: number, options?: DueOptions): Promise<Delivery[]>;
  /**
   * The earliest attempt time among pending deliveries not waiting behind an earlier one of their thread, if any,
   * leaving out the given deliveries and recipients (those in flight or busy, which wake the worker when done).
   */
  nextAttemptAt(exclude?: { seqs?: readonly number[]; recipients?: readonly string[] }): Promise<string | undefined>;
  envelope(seq: number): Promise<OutboxEnvelope>;
  get(seq: number): Promise<Delivery | undefined>;
  find(messageId: string, messageModified: string, recipient: string): Promise<Delivery | undefined>;
  list(filter?: DeliveryFilter): Promise<Delivery[]>;
  markDelivered(seq: number, receipt: TransportReceipt, at: string): Promise<void>;
  /** Optional: markDelivered for several deliveries in one write (one commit); the outbox falls back to one by one. */
  markDeliveredAll?(delivered: readonly { seq: number; receipt: TransportReceipt }[], at: string): Promise<void>;
  /** Optional: enqueue for several requests in one write (one commit); one result per request, in order. */
  enqueueAll?(requests: readonly EnqueueRequest[]): Promise<Delivery[][]>;
  markFailing(seq: number, error: string, nextAttemptAt: string): Promise<void>;
  markGivenUp(seq: number, error: string, at: string): Promise<void>;
  markRejected(seq: number, code: string, reason: string, at: string): Promise<void>;
  markPublished(seq: number, at: string): Promise<void>;
  /**
   * Makes every `failing` delivery (to `recipient` when given) due at `at` instead of at its backoff time, e.g. once
   * an operator knows the counterpart is back; returns how many were waiting. Other states are left alone.
   */
  retryNow(at: string, recipient?: string): Promise<number>;
}
