import type { SignedCheckpoint } from '../ledger/checkpoint.ts';
import type { NodeKey } from '../ledger/merkle.ts';

/** A stored leaf: its position in the log and its bytes exactly as written. */
export interface StoredLeaf {
  index: number;
  bytes: Buffer;
}

/** A stored checkpoint with its sequence number (1, 2, … in the order they were stored). */
export interface StoredCheckpoint {
  seq: number;
  checkpoint: SignedCheckpoint;
}

/** How far stored rows reach: one past the highest entry index and one past the highest stored leaf hash. */
export interface LogExtent {
  entries: number;
  leafHashes: number;
}

/**
 * Persistence of one append-only Merkle log (RFC 9162). The store keeps the leaf bytes, the hash of every
 * complete subtree (keyed by level and index: level l, index i covers leaves [i·2^l, (i+1)·2^l)) and the
 * signed checkpoints. Appending writes the leaves and all new complete-subtree hashes atomically.
 */
export interface LogStore {
  /**
   * Appends leaves atomically with their subtree hashes. `build` receives the index the first new leaf gets and
   * returns the leaf bytes (entries embed their own index). Returns that first index.
   */
  append(build: (firstIndex: number) => readonly Uint8Array[]): Promise<number>;
  /** The number of leaves appended. */
  size(): Promise<number>;
  /** Stored leaves with start <= index < end, in index order (a deleted row is simply absent). */
  entries(start: number, end: number): Promise<StoredLeaf[]>;
  /** Stored hashes of complete subtrees, in the order of the keys (undefined where none is stored). */
  nodeHashes(keys: readonly NodeKey[]): Promise<(Buffer | undefined)[]>;
  /** How far the stored rows reach (for verification, which must see rows beyond the recorded size). */
  extent(): Promise<LogExtent>;
  /** Stores a signed checkpoint; returns its sequence number. */
  putCheckpoint(checkpoint: SignedCheckpoint): Promise<number>;
  /** The most recently stored checkpoint. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /** The most recently stored checkpoint of a given tree size. */
  checkpointAt(treeSize: number): Promise<StoredCheckpoint | undefined>;
  /** All stored checkpoints in sequence order. */
  checkpoints(): Promise<StoredCheckpoint[]>;
}
