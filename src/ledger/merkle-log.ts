import type { KeyObject } from 'node:crypto';
import { ParleyError } from '../errors.ts';
import type { LogStore } from '../store/log-store.ts';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint.ts';
import { entryLeaves, type LogEntry, type LogEntryDraft } from './log-entry.ts';
import type { Receipt } from './receipt.ts';
import { storedConsistencyProof, storedInclusionProof, storedInclusionProofs, storedRoot } from './stored-tree.ts';

/** What a node needs to keep its log: where it is stored and how it signs checkpoints. */
export interface MerkleLogOptions {
  store: LogStore;
  /** The node's party identity id, written as each checkpoint's origin. */
  origin: string;
  keyId: string;
  privateKey: KeyObject;
  /** The clock for `logged_at` defaults and checkpoint timestamps. */
  now?: () => Date;
}

/** A node's append-only RFC 9162 log of entries, with signed checkpoints, proofs and receipts. */
export class MerkleLog {
  readonly #options: Readonly<MerkleLogOptions>;

  constructor(options: MerkleLogOptions) {
    this.#options = Object.freeze({ ...options });
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** Appends one entry (logged_at defaults to now); returns it with its index. */
  async append(draft: Omit<LogEntryDraft, 'logged_at'> & { logged_at?: string }): Promise<LogEntry> {
    const [entry] = await this.appendAll([draft]);
    return entry;
  }

  /** Appends entries in one transaction; returns them with their indexes. */
  async appendAll(drafts: readonly (Omit<LogEntryDraft, 'logged_at'> & { logged_at?: string })[]): Promise<LogEntry[]> {
    const loggedAt = this.#now().toISOString();
    const complete: LogEntryDraft[] = drafts.map((d) => ({ ...d, logged_at: d.logged_at ?? loggedAt }));
    const first = await this.#options.store.append(entryLeaves(complete));
    return complete.map((d, i) => ({ ...d, index: first + i }));
  }

  /** The number of entries. */
  size(): Promise<number> {
    return this.#options.store.size();
  }

  /** The root hash of the first `treeSize` entries (default: all). */
  async root(treeSize?: number): Promise<Buffer> {
    return storedRoot(this.#options.store, treeSize ?? (await this.size()));
  }

  /** Signs and stores a checkpoint of the current tree. */
  async checkpoint(): Promise<SignedCheckpoint> {
    const { store, origin, keyId, privateKey } = this.#options;
    const treeSize = await store.size();
    const root = await storedRoot(store, treeSize);
    const signed = signCheckpoint(
      { origin, tree_size: treeSize, root_hash: root.toString('base64'), timestamp: this.#now().toISOString(), key_id: keyId },
      privateKey,
    );
    await store.putCheckpoint(signed);
    return signed;
  }

  /** RFC 9162 inclusion proof of entry `index` in the tree of size `treeSize`. */
  inclusionProof(index: number, treeSize: number): Promise<Buffer[]> {
    return storedInclusionProof(this.#options.store, index, treeSize);
  }

  /** Inclusion proofs of several entries in the tree of size `treeSize`, in order (for a batch of receipts). */
  inclusionProofs(indices: readonly number[], treeSize: number): Promise<Buffer[][]> {
    return storedInclusionProofs(this.#options.store, indices, treeSize);
  }

  /** RFC 9162 consistency proof from tree size `from` to `to`. */
  consistencyProof(from: number, to: number): Promise<Buffer[]> {
    return storedConsistencyProof(this.#options.store, from, to);
  }

  /** A receipt for entry `index` under the latest checkpoint that covers it (signing a new one if none does). */
  async receiptFor(index: number): Promise<Receipt> {
    const size = await this.size();
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new ParleyError('NOT_FOUND', `the log has no entry ${index} (size ${size})`);
    }
    const latest = (await this.#options.store.latestCheckpoint())?.checkpoint;
    const checkpoint = latest !== undefined && latest.tree_size > index ? latest : await this.checkpoint();
    const proof = await this.inclusionProof(index, checkpoint.tree_size);
    return { checkpoint, leaf_index: index, inclusion_proof: proof.map((p) => p.toString('base64')) };
  }
}
