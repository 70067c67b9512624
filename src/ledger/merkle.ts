import { hash } from 'node:crypto';

/**
 * RFC 9162 §2.1 Merkle tree algorithms with SHA-256. Pure: no storage. Proofs are described first as leaf ranges
 * (the subtrees whose hashes the proof carries), so a persisted log can answer them from stored subtree hashes.
 */

/** A half-open range of leaf indexes [start, end). */
export interface LeafRange {
  start: number;
  end: number;
}

/** A complete subtree: the 2^level leaves starting at index * 2^level. */
export interface NodeKey {
  level: number;
  index: number;
}

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** RFC 9162 §2.1.1: the hash of an empty tree, SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = hash('sha256', '', 'buffer');

// One-shot hashing of one buffer: less than half the cost of a Hash object fed in parts, and logs hash a lot.
function prefixedHash(prefix: number, ...parts: Uint8Array[]): Buffer {
  const input = Buffer.allocUnsafe(1 + parts.reduce((n, p) => n + p.length, 0));
  input[0] = prefix;
  let at = 1;
  for (const part of parts) {
    input.set(part, at);
    at += part.length;
  }
  return hash('sha256', input, 'buffer');
}

/** Leaf hash: SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Buffer {
  return prefixedHash(LEAF_PREFIX, leaf);
}

/** Interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return prefixedHash(NODE_PREFIX, left, right);
}

/** The largest power of two strictly smaller than n (n > 1): the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** MTH of the leaf hashes in [start, end), computed by the RFC's recursive definition. */
export function rootFromLeafHashes(hashes: readonly Buffer[], start = 0, end = hashes.length): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return hashes[start];
  const k = splitPoint(n);
  return nodeHash(rootFromLeafHashes(hashes, start, start + k), rootFromLeafHashes(hashes, start + k, end));
}

/** MTH(D[n]) of raw leaves. */
export function merkleTreeHash(leaves: readonly Uint8Array[]): Buffer {
  return rootFromLeafHashes(leaves.map(leafHash));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as the ranges whose hashes form the audit path, deepest first. */
export function inclusionRanges(index: number, treeSize: number): LeafRange[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
    throw new RangeError(`leaf ${index} is not in a tree of size ${treeSize}`);
  }
  const out: LeafRange[] = [];
  const path = (start: number, end: number): void => {
    if (end - start <= 1) return;
    const mid = start + splitPoint(end - start);
    if (index < mid) {
      path(start, mid);
      out.push({ start: mid, end });
    } else {
      path(mid, end);
      out.push({ start, end: mid });
    }
  };
  path(0, treeSize);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) as the ranges whose hashes form the consistency proof. */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  if (!Number.isSafeInteger(first) || first < 0 || first > second) {
    throw new RangeError(`no consistency proof from size ${first} to size ${second}`);
  }
  const out: LeafRange[] = [];
  if (first === 0 || first === second) return out;
  // SUBPROOF(m, D[start:end], b); m counts leaves from start.
  const subproof = (m: number, start: number, end: number, complete: boolean): void => {
    if (m === end - start) {
      if (!complete) out.push({ start, end });
      return;
    }
    const mid = start + splitPoint(end - start);
    if (m <= mid - start) {
      subproof(m, start, mid, complete);
      out.push({ start: mid, end });
    } else {
      subproof(m - (mid - start), mid, end, false);
      out.push({ start, end: mid });
    }
  };
  subproof(first, 0, second, true);
  return out;
}

/** The complete subtrees whose hashes determine MTH of a range, following the RFC's split. */
export function rangeNodeKeys(range: LeafRange): NodeKey[] {
  const out: NodeKey[] = [];
  const walk = (start: number, end: number): void => {
    const n = end - start;
    if (isPowerOfTwo(n) && start % n === 0) {
      out.push({ level: Math.log2(n), index: start / n });
      return;
    }
    const mid = start + splitPoint(n);
    walk(start, mid);
    walk(mid, end);
  };
  if (range.end > range.start) walk(range.start, range.end);
  return out;
}

/** MTH of a range from the hashes of its complete subtrees (as listed by rangeNodeKeys). */
export function rangeHashFrom(range: LeafRange, subtree: (key: NodeKey) => Buffer): Buffer {
  const walk = (start: number, end: number): Buffer => {
    const n = end - start;
    if (isPowerOfTwo(n) && start % n === 0) return subtree({ level: Math.log2(n), index: start / n });
    const mid = start + splitPoint(n);
    return nodeHash(walk(start, mid), walk(mid, end));
  };
  return range.end > range.start ? walk(range.start, range.end) : EMPTY_ROOT;
}

/** Inclusion proof of leaf `index` in the tree of all given leaf hashes (in memory). */
export function inclusionProof(index: number, hashes: readonly Buffer[]): Buffer[] {
  return inclusionRanges(index, hashes.length).map((r) => rootFromLeafHashes(hashes, r.start, r.end));
}

/** Consistency proof between the first `first` leaf hashes and all of them (in memory). */
export function consistencyProof(first: number, hashes: readonly Buffer[]): Buffer[] {
  return consistencyRanges(first, hashes.length).map((r) => rootFromLeafHashes(hashes, r.start, r.end));
}

/** A function computing interior node hashes. */
export type NodeHasher = (left: Uint8Array, right: Uint8Array) => Buffer;

/**
 * nodeHash remembering its answers: the proofs of neighbouring leaves under one root end in the same path, so a batch
 * of them hashes each shared node once. Scope one to a batch (it is not bounded).
 */
export function rememberingNodeHash(): NodeHasher {
  const known = new Map<string, Buffer>();
  return (left, right) => {
    const key = Buffer.concat([left, right]).toString('latin1');
    let hash = known.get(key);
    if (hash === undefined) known.set(key, (hash = nodeHash(left, right)));
    return hash;
  };
}

/** RFC 9162 §2.1.3.2: verifies an inclusion proof of a leaf hash in a tree of the given size and root. */
export function verifyInclusion(
  index: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  hashNodes: NodeHasher = nodeHash,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashNodes(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashNodes(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(r).equals(root);
}

/**
 * RFC 9162 §2.1.4.2: verifies that the tree of size `first` and root `firstRoot` is a prefix of the tree of
 * size `second` and root `secondRoot`. Equal sizes need an empty proof and equal roots; size 0 is a prefix of all.
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(fr).equals(firstRoot) && Buffer.from(sr).equals(secondRoot);
}
