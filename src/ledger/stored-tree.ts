import { ParleyError } from '../errors.ts';
import type { LogStore } from '../store/log-store.ts';
import { consistencyRanges, inclusionRanges, rangeHashFrom, rangeNodeKeys, type LeafRange, type NodeKey } from './merkle.ts';

/**
 * Tree hashes answered from a store's complete-subtree hashes: a root or a proof reads O(log n) stored nodes
 * (one batch) and never rehashes the log.
 */
export async function storedRangeHashes(store: LogStore, ranges: readonly LeafRange[]): Promise<Buffer[]> {
  const keys = ranges.flatMap(rangeNodeKeys);
  const found = await store.nodeHashes(keys);
  const byKey = new Map<string, Buffer>();
  keys.forEach((k, i) => {
    const hash = found[i];
    if (hash === undefined) {
      throw new ParleyError('LOG_TAMPERED', `the log store lacks the hash of subtree (${k.level}, ${k.index}); run parley verify`);
    }
    byKey.set(`${k.level}/${k.index}`, hash);
  });
  const lookup = (k: NodeKey): Buffer => byKey.get(`${k.level}/${k.index}`) as Buffer;
  return ranges.map((range) => rangeHashFrom(range, lookup));
}

async function checkedSize(store: LogStore, treeSize: number): Promise<void> {
  const size = await store.size();
  if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > size) {
    throw new ParleyError('BAD_REQUEST', `tree size ${treeSize} is not between 0 and the log size ${size}`);
  }
}

/** The root hash of the first `treeSize` leaves. */
export async function storedRoot(store: LogStore, treeSize: number): Promise<Buffer> {
  await checkedSize(store, treeSize);
  const [root] = await storedRangeHashes(store, [{ start: 0, end: treeSize }]);
  return root;
}

/** RFC 9162 inclusion proof of leaf `index` in the tree of size `treeSize`. */
export async function storedInclusionProof(store: LogStore, index: number, treeSize: number): Promise<Buffer[]> {
  await checkedSize(store, treeSize);
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
    throw new ParleyError('BAD_REQUEST', `leaf ${index} is not in a tree of size ${treeSize}`);
  }
  return storedRangeHashes(store, inclusionRanges(index, treeSize));
}

/** RFC 9162 consistency proof from tree size `first` to `second`. */
export async function storedConsistencyProof(store: LogStore, first: number, second: number): Promise<Buffer[]> {
  await checkedSize(store, second);
  if (!Number.isSafeInteger(first) || first < 0 || first > second) {
    throw new ParleyError('BAD_REQUEST', `no consistency proof from size ${first} to size ${second}`);
  }
  return storedRangeHashes(store, consistencyRanges(first, second));
}
