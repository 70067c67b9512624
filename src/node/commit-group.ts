import type { StoredMessage } from '../store/hotline-store.ts';
import { commitSteps, type MessageCommit } from './commit-message.ts';
import type { ParleyNode } from './parley-node.ts';

type Committed = { stored: StoredMessage; leafIndex: number };

/** Runs work in a store transaction (the node store's `transaction`). */
export type TransactionRunner = <T>(work: () => Promise<T>) => Promise<T>;

interface Waiting {
  work: () => Promise<unknown>;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit: writes requested while a group's transaction runs (or in the same turn of the event loop) are made
 * together in the next transaction, at most `maxGroup` at a time, each in request order. A node sends its messages
 * and files the receipts of its deliveries through one group, so that under load a receipt batch costs no commit of
 * its own (every commit rewrites the pages all writes share: the log's, the outbox's). If the shared transaction
 * fails it is rolled back and each piece of work runs again in its own transaction, so one failure reports its own
 * error and never takes the others with it. Work must therefore write only to the store until it resolves.
 */
export class CommitGroup {
  readonly #transaction: TransactionRunner;
  readonly #maxGroup: number;
  readonly #queue: Waiting[] = [];
  #running = false;

  constructor(transaction: TransactionRunner, options: { maxGroup?: number } = {}) {
    this.#transaction = transaction;
    this.#maxGroup = options.maxGroup ?? 64;
  }

  /** Runs `work` inside a transaction, possibly shared with other work requested meanwhile. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const done = new Promise<T>((resolve, reject) => this.#queue.push({ work, resolve: resolve as (r: unknown) => void, reject }));
    if (!this.#running) {
      this.#running = true;
      setImmediate(() => void this.#drain());
    }
    return done;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue.splice(0, this.#maxGroup);
      if (group.length === 1) {
        await this.#transaction(group[0]!.work).then(group[0]!.resolve, group[0]!.reject);
        continue;
      }
      let results: unknown[] | undefined;
      try {
        results = await this.#transaction(async () => {
          const out: unknown[] = [];
          for (const { work } of group) out.push(await work());
          return out;
        });
      } catch {
        // Rolled back as a whole: each piece of work now runs alone and reports its own outcome.
        for (const w of group) await this.#transaction(w.work).then(w.resolve, w.reject);
      }
      if (results) group.forEach((w, i) => w.resolve(results[i]));
    }
    this.#running = false;
  }
}

/** Commits one message (commitSteps in a transaction) through the node's group, possibly with concurrent writes. */
export function commitInGroup(node: ParleyNode, commit: MessageCommit): Promise<Committed> {
  return node.commits.run(() => commitSteps(node, commit));
}
