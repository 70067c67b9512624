import type { OutboxEnvelope } from '../store/outbox-store.ts';
import type { HeldEnvelope, ThreadPendingStore } from '../store/thread-pending-store.ts';

/** What the thread order needs from the node. */
export interface ThreadOrderOptions {
  pending: ThreadPendingStore;
  /** True when the node holds the message (sent or received, any version) — the predecessor a reply waits for. */
  isPresent: (messageId: string) => Promise<boolean>;
  now?: () => number;
}

/** The outcome of offering one envelope. */
export type OfferResult<T> =
  | { status: 'applied'; outcome: T; released: { envelope: OutboxEnvelope; outcome: T }[] }
  | { status: 'held'; waitingFor: string };

/** Applies an envelope through the incoming pipeline; must be idempotent for a message version already held. */
export type Apply<T> = (envelope: OutboxEnvelope) => Promise<T>;

/**
 * Applies the messages of a thread in the order they were sent, whatever order they arrive in. "Order sent" is
 * causal: a reply is applied only once the message it replies to (`in_reply_to_ref`) is present; a message opening
 * a thread is applied at once. Early arrivals wait durably; when their predecessor is applied they follow, siblings
 * by `created` then arrival. Offers of one thread are serialised so a reply is never held after its predecessor was
 * released.
 */
export class ThreadOrder {
  readonly #o: Required<ThreadOrderOptions>;
  readonly #threads = new Map<string, Promise<unknown>>();

  constructor(options: ThreadOrderOptions) {
    this.#o = Object.freeze({ now: Date.now, ...options });
  }

  /** Applies the envelope now (and whatever was waiting for it) or holds it until its predecessor is present. */
  offer<T>(envelope: OutboxEnvelope, apply: Apply<T>): Promise<OfferResult<T>> {
    return this.#serialised(envelope.message.thread_id, async () => {
      const { message } = envelope;
      const before = message.in_reply_to_ref;
      if (before !== undefined && !(await this.#o.isPresent(before))) {
        await this.#o.pending.hold({
          messageId: message.id, messageModified: message.modified, threadId: message.thread_id, waitingFor: before, envelope,
          heldAt: new Date(this.#o.now()).toISOString(),
        });
        return { status: 'held', waitingFor: before };
      }
      const outcome = await apply(envelope);
      return { status: 'applied', outcome, released: await this.#releaseAfter(message.id, apply) };
    });
  }

  /** Applies held envelopes whose predecessor is present (after a crash between applying and releasing); for node start. */
  async resume<T>(apply: Apply<T>): Promise<{ envelope: OutboxEnvelope; outcome: T }[]> {
    const released: { envelope: OutboxEnvelope; outcome: T }[] = [];
    const predecessors = new Set((await this.#o.pending.list()).map((h) => h.waitingFor));
    for (const id of predecessors) {
      if (!(await this.#o.isPresent(id))) continue;
      const [first] = await this.#o.pending.waitingFor(id);
      if (first) released.push(...(await this.#serialised(first.threadId, () => this.#releaseAfter(id, apply))));
    }
    return released;
  }

  /** Everything held, oldest first: for the API and operators. */
  held(): Promise<HeldEnvelope[]> {
    return this.#o.pending.list();
  }

  // Breadth-first over the successors: each applied message may release the ones waiting for it.
  async #releaseAfter<T>(messageId: string, apply: Apply<T>): Promise<{ envelope: OutboxEnvelope; outcome: T }[]> {
    const released: { envelope: OutboxEnvelope; outcome: T }[] = [];
    const queue = [messageId];
    while (queue.length > 0) {
      const id = queue.shift()!;
      // A predecessor the pipeline rejected is not present: its successors stay held.
      if (!(await this.#o.isPresent(id))) continue;
      for (const held of await this.#o.pending.waitingFor(id)) {
        const outcome = await apply(held.envelope);
        await this.#o.pending.release(held.messageId, held.messageModified);
        released.push({ envelope: held.envelope, outcome });
        queue.push(held.messageId);
      }
    }
    return released;
  }

  #serialised<R>(threadId: string, work: () => Promise<R>): Promise<R> {
    const previous = this.#threads.get(threadId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#threads.set(threadId, settled);
    void settled.then(() => { if (this.#threads.get(threadId) === settled) this.#threads.delete(threadId); });
    return next;
  }
}
