import type { StoredMessage } from '../store/hotline-store.ts';
import { commitMessage, commitSteps, type MessageCommit } from './commit-message.ts';
import type { ParleyNode } from './parley-node.ts';

type Committed = { stored: StoredMessage; leafIndex: number };

interface Waiting {
  commit: MessageCommit;
  resolve(result: Committed): void;
  reject(error: unknown): void;
}

/**
 * Group commit of sent messages: commits requested while a group's transaction runs (or in the same turn of the
 * event loop) are made together in the next transaction, at most `maxGroup` at a time. Each message keeps its own
 * store rows and log entry, in request order. If the shared transaction fails it is rolled back and each message
 * is committed on its own, so one failing message reports its own error and never takes the others with it.
 */
export class CommitGroup {
  readonly #node: ParleyNode;
  readonly #maxGroup: number;
  readonly #queue: Waiting[] = [];
  #running = false;

  constructor(node: ParleyNode, options: { maxGroup?: number } = {}) {
    this.#node = node;
    this.#maxGroup = options.maxGroup ?? 64;
  }

  /** Commits one message (as commitMessage does), possibly in a transaction shared with concurrent commits. */
  commit(commit: MessageCommit): Promise<Committed> {
    const done = new Promise<Committed>((resolve, reject) => this.#queue.push({ commit, resolve, reject }));
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
        await commitMessage(this.#node, group[0]!.commit).then(group[0]!.resolve, group[0]!.reject);
        continue;
      }
      let results: Committed[] | undefined;
      try {
        results = await this.#node.store.transaction(async () => {
          const out: Committed[] = [];
          for (const { commit } of group) out.push(await commitSteps(this.#node, commit));
          return out;
        });
      } catch {
        // Rolled back as a whole: each commit now runs alone and reports its own outcome.
        for (const w of group) await commitMessage(this.#node, w.commit).then(w.resolve, w.reject);
      }
      if (results) group.forEach((w, i) => w.resolve(results[i]!));
    }
    this.#running = false;
  }
}
