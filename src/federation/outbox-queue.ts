import type { Delivery, EnqueueRequest, OutboxEnvelope, OutboxStore } from '../store/outbox-store.ts';

const MAX_REMEMBERED_ENVELOPES = 10_000;

/**
 * The outbox's side of its store for queueing: enqueues made in the same turn of the event loop go in one write
 * when the store can (`enqueueAll`), and the envelopes this instance enqueued are kept until their delivery settles,
 * so an attempt need not read back and parse what was just written (an envelope never changes).
 */
export class OutboxQueue {
  readonly #store: OutboxStore;
  readonly #pending: { request: EnqueueRequest; resolve(): void; reject(error: unknown): void }[] = [];
  readonly #envelopes = new Map<number, OutboxEnvelope>();

  constructor(store: OutboxStore) {
    this.#store = store;
  }

  /** Queues a request; resolves once it is written (with the other requests of this turn when the store allows). */
  enqueue(request: EnqueueRequest): Promise<void> {
    const store = this.#store;
    if (store.enqueueAll === undefined) return store.enqueue(request).then((deliveries) => this.remember(deliveries, request.envelope));
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ request, resolve, reject });
      if (this.#pending.length > 1) return;
      setImmediate(() => void this.#flush());
    });
  }

  /** The envelope of a delivery: from memory when this instance enqueued it, else from the store. */
  async envelope(seq: number): Promise<OutboxEnvelope> {
    return this.#envelopes.get(seq) ?? this.#store.envelope(seq);
  }

  /** Forgets a settled delivery's envelope. */
  settled(seq: number): void {
    this.#envelopes.delete(seq);
  }

  // Should the grouped write fail, each request is enqueued on its own so one bad request reports its own error.
  async #flush(): Promise<void> {
    const group = this.#pending.splice(0);
    try {
      const created = await this.#store.enqueueAll!(group.map((g) => g.request));
      created.forEach((deliveries, i) => this.remember(deliveries, group[i]!.request.envelope));
      for (const g of group) g.resolve();
    } catch {
      for (const g of group) {
        await this.#store.enqueue(g.request).then((deliveries) => { this.remember(deliveries, g.request.envelope); g.resolve(); }, g.reject);
      }
    }
  }

  /** Keeps the envelope of deliveries enqueued (and committed) elsewhere, as if enqueued here. */
  remember(deliveries: readonly Delivery[], envelope: OutboxEnvelope): void {
    // Bounded: during a long outage the queue may grow far beyond what is worth holding in memory.
    for (const d of deliveries) if (this.#envelopes.size < MAX_REMEMBERED_ENVELOPES) this.#envelopes.set(d.seq, envelope);
  }
}
