/** How a RecipientBatcher groups work. */
export interface RecipientBatcherOptions<T, R> {
  /** Runs one batch for one recipient; returns one result per item, in order. */
  run(recipient: string, items: readonly T[]): Promise<R[]>;
  /** The most items in one batch. */
  maxBatch?: number;
  /** Batches in flight per recipient at once. */
  maxInFlight?: number;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

interface Lane<T, R> {
  queue: Waiting<T, R>[];
  inFlight: number;
  scheduled: boolean;
}

/**
 * Group commit per recipient: work submitted for a recipient while its batches are in flight (or within the same
 * turn of the event loop) waits and goes out together in the next batch. There is no timer: an idle recipient's
 * first item leaves at once, so a lone message pays no added latency; under load the window is the round trip of
 * the batch ahead, bounded by `maxBatch` items.
 */
export class RecipientBatcher<T, R> {
  readonly #o: Required<RecipientBatcherOptions<T, R>>;
  readonly #lanes = new Map<string, Lane<T, R>>();

  constructor(options: RecipientBatcherOptions<T, R>) {
    this.#o = Object.freeze({ maxBatch: 64, maxInFlight: 2, ...options });
  }

  /** Queues one item for `recipient`; resolves with its result once its batch ran. */
  submit(recipient: string, item: T): Promise<R> {
    let lane = this.#lanes.get(recipient);
    if (!lane) {
      lane = { queue: [], inFlight: 0, scheduled: false };
      this.#lanes.set(recipient, lane);
    }
    const queued = new Promise<R>((resolve, reject) => lane.queue.push({ item, resolve, reject }));
    this.#schedule(recipient, lane);
    return queued;
  }

  // Flushes on the next turn, so the items submitted in this one join the same batch.
  #schedule(recipient: string, lane: Lane<T, R>): void {
    if (lane.scheduled || lane.inFlight >= this.#o.maxInFlight || lane.queue.length === 0) return;
    lane.scheduled = true;
    setImmediate(() => {
      lane.scheduled = false;
      void this.#flush(recipient, lane);
    });
  }

  async #flush(recipient: string, lane: Lane<T, R>): Promise<void> {
    if (lane.inFlight >= this.#o.maxInFlight || lane.queue.length === 0) return;
    const batch = lane.queue.splice(0, this.#o.maxBatch);
    lane.inFlight++;
    try {
      const results = await this.#o.run(recipient, batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      lane.inFlight--;
      if (lane.queue.length > 0) this.#schedule(recipient, lane);
      else if (lane.inFlight === 0) this.#lanes.delete(recipient);
    }
  }
}
