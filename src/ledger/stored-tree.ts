import { ParleyError } from '../errors.ts';
import type { LogStore } from '../store/log-store.ts';
import { consistencyRanges, inclusionRanges, rangeHashFrom, rangeNodeKeys, type LeafRange, type NodeKey } from './merkle.ts';

/**
 * Tree hashes answered from a store's complete-subtree hashes: a root or a proof reads O(log n) stored nodes
 * (one batch) and never rehashes the log.
 */
export async function storedRangeHashes(store: LogStore, ranges: readonly LeafRange[]): Promise<Buffer[]> {
  // Proofs of neighbouring leaves share most ranges and subtrees: each is read and hashed once.
  const rangeKey = (r: LeafRange) => `${r.start}-${r.end}`;
  const nodeKey = (k: NodeKey) => `${k.level}/${k.index}`;
  const unique = new Map(ranges.map((r) => [rangeKey(r), r]));
  const keys = [...new Map([...unique.values()].flatMap(rangeNodeKeys).map((k) => [nodeKey(k), k])).values()];
  const found = await store.nodeHashes(keys);
  const byKey = new Map<string, Buffer>();
  keys.forEach((k, i) => {
    const hash = found[i];
    if (hash === undefined) {
      throw new ParleyError('LOG_TAMPERED', `the log store lacks the hash of subtree (${k.level}, ${k.index}); run parley verify`);
    }
    byKey.set(nodeKey(k), hash);
  });
  const lookup = (k: NodeKey): Buffer => byKey.get(nodeKey(k)) as Buffer;
  const hashes = new Map([...unique].map(([key, range]) => [key, rangeHashFrom(range, lookup)]));
  return ranges.map((range) => hashes.get(rangeKey(range)) as Buffer);
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
  return (await storedInclusionProofs(store, [index], treeSize))[0]!;
}

/** RFC 9162 inclusion proofs of several leaves in one tree, in order (shared subtrees read once). */
export async function storedInclusionProofs(store: LogStore, indices: readonly number[], treeSize: number): Promise<Buffer[][]> {
  await checkedSize(store, treeSize);
  const bad = indices.find((index) => !Number.isSafeInteger(index) || index < 0 || index >= treeSize);
  if (bad !== undefined) throw new ParleyError('BAD_REQUEST', `leaf ${bad} is not in a tree of size ${treeSize}`);
  const ranges = indices.map((index) => inclusionRanges(index, treeSize));
  const hashes = await storedRangeHashes(store, ranges.flat());
  let at = 0;
  return ranges.map((r) => hashes.slice(at, (at += r.length)));
}

/** RFC 9162 consistency proof from tree size `first` to `second`. */
export async function storedConsistencyProof(store: LogStore, first: number, second: number): Promise<Buffer[]> {
  await checkedSize(store, second);
  if (!Number.isSafeInteger(first) || first < 0 || first > second) {
    throw new ParleyError('BAD_REQUEST', `no consistency proof from size ${first} to size ${second}`);
  }
  return storedRangeHashes(store, consistencyRanges(first, second));
}
