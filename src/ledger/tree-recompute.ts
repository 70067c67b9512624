import { nodeHash, type NodeKey } from './merkle.ts';

/** A complete subtree on the right edge while the tree is rebuilt: its recomputed hash (null if unknown). */
interface EdgeNode {
  level: number;
  index: number;
  hash: Buffer | null;
  /** A stored hash at or below this node disagreed with the recomputation. */
  dirty: boolean;
}

/** What the rebuild reports about stored subtree hashes. */
export interface SubtreeListener {
  /** The lowest stored hash that disagrees with the recomputation (its descendants all agree). */
  mismatch(key: NodeKey): void;
  missing(key: NodeKey): void;
}

/** The subtrees completed by leaf `position`: (0, position), then each parent it closes. */
export function subtreesClosedBy(position: number): NodeKey[] {
  const keys: NodeKey[] = [{ level: 0, index: position }];
  let span = 2;
  while ((position + 1) % span === 0) {
    keys.push({ level: Math.log2(span), index: (position + 1) / span - 1 });
    span *= 2;
  }
  return keys;
}

/**
 * Rebuilds the tree leaf by leaf from recomputed leaf hashes in O(log n) memory, comparing every complete
 * subtree with its stored hash. Only the lowest disagreeing subtree is reported: its ancestors disagree because of it.
 */
export class TreeRecompute {
  readonly #edge: EdgeNode[] = [];
  readonly #listener: SubtreeListener;
  #size = 0;

  constructor(listener: SubtreeListener) {
    this.#listener = listener;
  }

  /** The number of leaves added so far. */
  get size(): number {
    return this.#size;
  }

  /** Adds the next leaf; `stored(key)` gives the stored hash of each subtree it completes. */
  add(hash: Buffer | null, stored: (key: NodeKey) => Buffer | undefined): void {
    const leafKey = { level: 0, index: this.#size };
    this.#edge.push({ ...leafKey, hash, dirty: this.#compare(leafKey, hash, stored(leafKey), false) });
    this.#size += 1;
    while (this.#edge.length >= 2 && this.#edge[this.#edge.length - 1].level === this.#edge[this.#edge.length - 2].level) {
      const right = this.#edge.pop() as EdgeNode;
      const left = this.#edge.pop() as EdgeNode;
      const key = { level: left.level + 1, index: left.index / 2 };
      const parent = left.hash !== null && right.hash !== null ? nodeHash(left.hash, right.hash) : null;
      const below = left.dirty || right.dirty;
      this.#edge.push({ ...key, hash: parent, dirty: this.#compare(key, parent, stored(key), below) });
    }
  }

  // True when this subtree or one below it disagrees with what is stored.
  #compare(key: NodeKey, hash: Buffer | null, stored: Buffer | undefined, below: boolean): boolean {
    if (stored === undefined) {
      this.#listener.missing(key);
      return below;
    }
    if (hash === null || stored.equals(hash)) return below;
    if (!below) this.#listener.mismatch(key);
    return true;
  }

  /** The root of the leaves added so far (RFC 9162 MTH), or null when a leaf hash is unknown. */
  root(): Buffer | null {
    let acc: Buffer | null = null;
    for (let i = this.#edge.length - 1; i >= 0; i--) {
      const h = this.#edge[i].hash;
      if (h === null) return null;
      acc = acc === null ? h : nodeHash(h, acc);
    }
    return acc;
  }
}
