import type { Message } from '../hotline/message.ts';
import type { Delivery, DeliveryFilter, OutboxEnvelope } from '../store/outbox-store.ts';
import type { DeliveryResult, Dispatcher, StixObject, TransportReceipt } from './delivery-transport.ts';
import { deliverAllWithin, reasonOf } from './delivery-attempt.ts';
import type { OutboxOptions } from './outbox-options.ts';
import { OutboxQueue } from './outbox-queue.ts';
import { afterFailure, DEFAULT_RETRY_POLICY } from './retry-policy.ts';

export type { DeliveryRoute, OutboxOptions } from './outbox-options.ts';

// A delivery that came back with a receipt, and the message it carried.
type Delivered = { delivery: Delivery; receipt: TransportReceipt; message: Message };

// One attempt: a batch of deliveries to one recipient (keyed in #inFlight by its first seq).
interface InFlight {
  recipient: string;
  seqs: number[];
  controller: AbortController;
  done: Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

// Below this many deliveries a batch is never split: a request's fixed cost would outweigh the overlap.
const MIN_SPLIT = 8;

/**
 * The batch size per recipient: what is due is spread over the recipient's free slots (up to maxBatch each), so
 * that while the recipient takes one batch the sender is already building, or checking the receipts of, the next.
 * One full batch per free slot would leave all but the first slot idle under moderate load.
 */
function batchSizes(due: readonly Delivery[], attempts: ReadonlyMap<string, number>, perRecipient: number, maxBatch: number): Map<string, number> {
  const dueCount = new Map<string, number>();
  for (const d of due) dueCount.set(d.recipient, (dueCount.get(d.recipient) ?? 0) + 1);
  const size = new Map<string, number>();
  for (const [recipient, n] of dueCount) {
    const free = Math.max(1, perRecipient - (attempts.get(recipient) ?? 0));
    size.set(recipient, Math.min(maxBatch, Math.max(Math.min(MIN_SPLIT, maxBatch), Math.ceil(n / free))));
  }
  return size;
}

/**
 * The persistent outbox: queues each sent message per recipient, delivers with bounded concurrency (a slow
 * counterpart holds at most `perRecipient` slots), retries with backoff until delivered, rejected or given up,
 * and keeps each thread's messages to a recipient in the order they were enqueued. Deliveries due for one
 * recipient go together, up to `maxBatch` in one attempt (one request, a receipt or failure per message); a batch
 * never holds two messages of one thread, since a thread's next message is not due before the one ahead settled.
 */
export class Outbox implements Dispatcher {
  readonly #o: Required<Omit<OutboxOptions, 'collectionWriter' | 'guard' | 'onDelivered' | 'onDeliveredAll' | 'onError'>> & OutboxOptions;
  readonly #inFlight = new Map<number, InFlight>();
  #running = false;
  #stopping = false;
  #pumping: Promise<void> | undefined;
  #pumpAgain = false;
  #timer: NodeJS.Timeout | undefined;
  readonly #queue: OutboxQueue;

  constructor(options: OutboxOptions) {
    this.#o = Object.freeze({
      policy: DEFAULT_RETRY_POLICY, attemptTimeoutMs: 30_000, maxInFlight: 8, perRecipient: 1, maxBatch: 32, stopTimeoutMs: 10_000, pollIntervalMs: 2_000,
      now: Date.now, random: Math.random, ...options,
    });
    this.#queue = new OutboxQueue(this.#o.store);
  }

  /** Queues the message for each recipient (idempotently) after the guard passed for all of them, and wakes the worker. */
  async dispatch(message: Message, evidence: StixObject[], recipients: readonly string[]): Promise<void> {
    await this.#guard(message, evidence, recipients);
    await this.#queue.enqueue({ envelope: { message, evidence }, recipients, enqueuedAt: iso(this.#o.now()) });
    this.#queued(recipients);
  }

  /**
   * Queues as dispatch does, inside the caller's open transaction on this outbox's store; the returned function,
   * run once that transaction committed, keeps the envelopes at hand and wakes the worker. (Rows of a transaction
   * that rolls back are never remembered: their seqs may be given again.)
   */
  async queueWithin(message: Message, evidence: StixObject[], recipients: readonly string[]): Promise<() => void> {
    await this.#guard(message, evidence, recipients);
    const envelope = { message, evidence };
    const deliveries = await this.#o.store.enqueue({ envelope, recipients, enqueuedAt: iso(this.#o.now()) });
    return () => {
      this.#queue.remember(deliveries, envelope);
      this.#queued(recipients);
    };
  }

  // Nothing is queued for anyone unless the guard lets the message go to every recipient.
  async #guard(message: Message, evidence: StixObject[], recipients: readonly string[]): Promise<void> {
    for (const recipient of recipients) await this.#o.guard?.(message, evidence, recipient);
  }

  // A counterpart whose every slot is taken needs no look at the store now (under load that look, once per message,
  // was the worker's largest cost): its attempt in flight wakes the worker when it ends.
  #queued(recipients: readonly string[]): void {
    const attempts = this.#attemptsPerRecipient();
    if (recipients.some((r) => (attempts.get(r) ?? 0) < this.#o.perRecipient)) this.#wake();
  }

  /** Starts the worker loop; pending deliveries left by an earlier run resume. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopping = false;
    this.#wake();
  }

  /** Stops taking new attempts and waits for those in flight, aborting them after `stopTimeoutMs`. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    clearTimeout(this.#timer);
    await this.#pumping;
    const pending = [...this.#inFlight.values()];
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<void>((resolve) => { timer = setTimeout(resolve, this.#o.stopTimeoutMs); });
    await Promise.race([Promise.all(pending.map((f) => f.done)), timeUp]);
    clearTimeout(timer);
    for (const f of this.#inFlight.values()) f.controller.abort(new Error('the outbox is stopping'));
    await Promise.all([...this.#inFlight.values()].map((f) => f.done));
  }

  /** Runs every attempt due now once and waits for them (for the CLI and tests; the loop need not be started). */
  async runDue(): Promise<void> {
    await this.#pump();
    await Promise.all([...this.#inFlight.values()].map((f) => f.done));
  }

  /** Deliveries for the API and CLI, newest first. */
  list(filter?: DeliveryFilter): Promise<Delivery[]> {
    return this.#o.store.list(filter);
  }

  /**
   * Completes a pull-mode delivery with the receipt the counterpart posted back (already verified by the node).
   * Returns false when no such delivery is waiting.
   */
  async confirm(receipt: TransportReceipt): Promise<boolean> {
    const { store } = this.#o;
    const delivery = await store.find(receipt.message_id, receipt.message_modified, receipt.recipient_ref);
    if (delivery === undefined || delivery.state === 'delivered' || delivery.state === 'rejected') return false;
    await this.#delivered(delivery, receipt);
    return true;
  }

  #wake(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#running) void this.#pump();
  }

  // One pump at a time; a wake during a pump runs another right after, so no dispatch is missed.
  #pump(): Promise<void> {
    if (this.#pumping) {
      this.#pumpAgain = true;
      return this.#pumping;
    }
    this.#pumping = (async () => {
      do {
        this.#pumpAgain = false;
        await this.#startDue();
        await this.#schedule();
      } while (this.#pumpAgain);
    })().catch(() => this.#sleep(1000)).finally(() => {
      this.#pumping = undefined;
      // A wake that came after the last look at the store must not be lost.
      if (this.#pumpAgain) void this.#pump();
    });
    return this.#pumping;
  }

  async #startDue(): Promise<void> {
    const { store, maxInFlight, perRecipient } = this.#o;
    // A transport that carries one message per request gets one per attempt: a batch would be several requests at once.
    const maxBatch = this.#o.transport.deliverAll ? Math.max(1, Math.floor(this.#o.maxBatch)) : 1;
    if (this.#stopping || this.#inFlight.size >= maxInFlight) return;
    const { seqs, busy, count } = this.#occupancy();
    // Rows of busy recipients and in-flight rows are left out, so these rows always fill the free slots.
    const due = await store.due(iso(this.#o.now()), maxInFlight * maxBatch, { excludeSeqs: seqs, excludeRecipients: busy, perRecipient: perRecipient * maxBatch });
    const size = batchSizes(due, count, perRecipient, maxBatch);
    const batches: Delivery[][] = [];
    const open = new Map<string, Delivery[]>();
    for (const delivery of due) {
      let batch = open.get(delivery.recipient);
      if (batch === undefined || batch.length >= size.get(delivery.recipient)!) {
        batch = [];
        open.set(delivery.recipient, batch);
        batches.push(batch);
      }
      batch.push(delivery);
    }
    for (const batch of batches) {
      const recipient = batch[0]!.recipient;
      if (this.#stopping || this.#inFlight.size >= maxInFlight) return;
      if ((count.get(recipient) ?? 0) >= perRecipient) continue;
      count.set(recipient, (count.get(recipient) ?? 0) + 1);
      const controller = new AbortController();
      const entry: InFlight = { recipient, seqs: batch.map((d) => d.seq), controller, done: Promise.resolve() };
      this.#inFlight.set(batch[0]!.seq, entry);
      entry.done = this.#attempt(batch, controller).then((recorded) => {
        this.#inFlight.delete(batch[0]!.seq);
        // A store that cannot record is not hammered: the worker looks again a second later.
        if (recorded) this.#wake();
        else this.#sleep(1000);
      });
    }
  }

  // Sleeps until the earliest retry that could start, or the poll interval (rows another instance enqueued wake no
  // one here); attempts in flight wake the loop when they end, so their deliveries and busy recipients are left out
  // (a hung counterpart must not delay another's retry).
  async #schedule(): Promise<void> {
    if (!this.#running) return;
    const { seqs, busy } = this.#occupancy();
    const next = await this.#o.store.nextAttemptAt({ seqs, recipients: busy });
    const poll = this.#o.pollIntervalMs;
    if (next === undefined) return this.#sleep(poll);
    const delay = Date.parse(next) - this.#o.now();
    if (delay <= 0 && this.#inFlight.size >= this.#o.maxInFlight) return this.#sleep(poll);
    this.#sleep(Math.min(delay, poll));
  }

  #attemptsPerRecipient(): Map<string, number> {
    const count = new Map<string, number>();
    for (const f of this.#inFlight.values()) count.set(f.recipient, (count.get(f.recipient) ?? 0) + 1);
    return count;
  }

  // What is in flight: the deliveries, attempts per recipient, and the recipients with no free slot.
  #occupancy(): { seqs: number[]; busy: string[]; count: Map<string, number> } {
    const count = this.#attemptsPerRecipient();
    const busy = [...count].filter(([, n]) => n >= this.#o.perRecipient).map(([recipient]) => recipient);
    return { seqs: [...this.#inFlight.values()].flatMap((f) => f.seqs), busy, count };
  }

  #sleep(ms: number): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#wake(), Math.min(Math.max(ms, 10), 2 ** 31 - 1));
  }

  // One attempt for a batch to one recipient. Resolves true when every outcome was recorded; false when the store
  // or a hook failed (the worker then backs off; what was not recorded stays pending and is tried again).
  async #attempt(batch: readonly Delivery[], controller: AbortController): Promise<boolean> {
    const { attemptTimeoutMs } = this.#o;
    const recipient = batch[0]!.recipient;
    const timeout = setTimeout(() => controller.abort(new Error(`no answer within ${attemptTimeoutMs} ms`)), attemptTimeoutMs);
    let current = batch[0]!;
    try {
      let results: DeliveryResult[];
      const envelopes: OutboxEnvelope[] = [];
      try {
        for (const delivery of batch) envelopes.push(await this.#queue.envelope(delivery.seq));
        const route = await this.#o.route(recipient);
        if (route?.mode === 'pull') {
          for (const [i, delivery] of batch.entries()) {
            current = delivery;
            await this.#publish(delivery, envelopes[i]!);
          }
          return true;
        }
        results = route === undefined
          ? batch.map(() => ({ outcome: 'failed', reason: `no address known for ${recipient}`, retryable: true }))
          : await deliverAllWithin(this.#o.transport, route.target, envelopes, controller.signal);
      } catch (error) {
        results = batch.map(() => ({ outcome: 'failed', reason: reasonOf(error), retryable: true }));
      }
      const delivered: Delivered[] = [];
      for (const [i, delivery] of batch.entries()) {
        current = delivery;
        const result = results[i]!;
        if (result.outcome !== 'delivered') await this.#record(delivery, result);
        else delivered.push({ delivery, receipt: result.receipt, message: envelopes[i]!.message });
      }
      await this.#recordDelivered(delivered);
      return true;
    } catch (error) {
      this.#o.onError?.(error, current);
      return false;
    } finally {
      clearTimeout(timeout);
    }
  }

  // Stores the receipts of one attempt: in one write when the store can.
  async #markDelivered(delivered: readonly Delivered[]): Promise<void> {
    const { store } = this.#o;
    const at = iso(this.#o.now());
    if (delivered.length > 1 && store.markDeliveredAll) {
      return store.markDeliveredAll(delivered.map(({ delivery, receipt }) => ({ seq: delivery.seq, receipt })), at);
    }
    for (const { delivery, receipt } of delivered) await store.markDelivered(delivery.seq, receipt, at);
  }

  // Marks the deliveries of one attempt that came back with a receipt and hands them to the node: all at once when
  // it files them together (it marks them in the transaction that files them), else one by one once marked.
  async #recordDelivered(delivered: readonly Delivered[]): Promise<void> {
    if (delivered.length === 0) return;
    const { onDeliveredAll } = this.#o;
    let marked = false;
    const markDelivered = async () => {
      await this.#markDelivered(delivered);
      marked = true;
    };
    try {
      await onDeliveredAll?.(delivered, markDelivered);
      if (!marked) await markDelivered();
    } finally {
      // A transaction that failed after marking rolled the marks back too: the rows are read again from the store.
      if (marked) for (const { delivery } of delivered) this.#queue.settled(delivery.seq);
    }
    if (onDeliveredAll === undefined) for (const { delivery, receipt } of delivered) await this.#filed(delivery, receipt);
  }

  async #publish(delivery: Delivery, envelope: OutboxEnvelope): Promise<void> {
    const writer = this.#o.collectionWriter;
    if (writer === undefined) {
      return this.#record(delivery, { outcome: 'failed', reason: 'pull mode needs an outbox collection writer', retryable: true });
    }
    try {
      // Evidence first: a puller reading in date_added order then meets a message after everything it attaches.
      await writer.write(delivery.recipient, [...envelope.evidence, envelope.message]);
    } catch (error) {
      return this.#record(delivery, { outcome: 'failed', reason: reasonOf(error), retryable: true });
    }
    await this.#o.store.markPublished(delivery.seq, iso(this.#o.now()));
    this.#queue.settled(delivery.seq);
  }

  async #record(delivery: Delivery, result: DeliveryResult): Promise<void> {
    const { store, policy } = this.#o;
    const now = this.#o.now();
    if (result.outcome === 'delivered') return this.#delivered(delivery, result.receipt);
    if (result.outcome === 'rejected') {
      this.#queue.settled(delivery.seq);
      return store.markRejected(delivery.seq, result.code, result.reason, iso(now));
    }
    const decision = afterFailure(policy, delivery.attempts + 1, Date.parse(delivery.enqueuedAt), now, this.#o.random);
    if (decision.action === 'give-up') {
      this.#queue.settled(delivery.seq);
      return store.markGivenUp(delivery.seq, result.reason, iso(now));
    }
    return store.markFailing(delivery.seq, result.reason, iso(decision.at));
  }

  async #delivered(delivery: Delivery, receipt: TransportReceipt): Promise<void> {
    const message = this.#o.onDeliveredAll ? (await this.#queue.envelope(delivery.seq)).message : undefined;
    if (message) return this.#recordDelivered([{ delivery, receipt, message }]);
    await this.#o.store.markDelivered(delivery.seq, receipt, iso(this.#o.now()));
    this.#queue.settled(delivery.seq);
    await this.#filed(delivery, receipt);
  }

  async #filed(delivery: Delivery, receipt: TransportReceipt): Promise<void> {
    if (this.#o.onDelivered === undefined) return;
    const stored = (await this.#o.store.get(delivery.seq)) ?? delivery;
    try {
      await this.#o.onDelivered(stored, receipt);
    } catch (error) {
      this.#o.onError?.(error, stored);
    }
  }
}
