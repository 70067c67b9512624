import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT, consistencyProof, consistencyRanges, inclusionProof, leafHash, merkleTreeHash, nodeHash,
  rangeHashFrom, rangeNodeKeys, rememberingNodeHash, rootFromLeafHashes, verifyConsistency, verifyInclusion,
} from './merkle.ts';

// The certificate-transparency reference test leaves and roots (RFC 6962 tests, merkle_tree_test.cc).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
  .map((hex) => Buffer.from(hex, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const H = (hex: string): Buffer => Buffer.from(hex, 'hex');
// Inclusion proofs from the same tests: [leaf index (0-based), tree size, path].
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [0, 8, [
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, [
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
// Consistency proofs from the same tests: [first size, second size, proof].
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [1, 8, [
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, [
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, [
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];

/** A second, independent MTH: bottom-up pairing as in the RFC's figure, promoting a lone last node unchanged. */
function naiveRoot(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let level = [...hashes];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}

const flip = (b: Buffer): Buffer => {
  const c = Buffer.from(b);
  c[c.length - 1] ^= 1;
  return c;
};

describe('RFC 9162 Merkle tree hash', () => {
  const hashes = LEAVES.map(leafHash);
  it('hashes the empty tree as SHA-256 of nothing and a leaf with the 0x00 prefix', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(createHash('sha256').digest('hex'));
    expect(leafHash(LEAVES[0]).toString('hex')).toBe(ROOTS[0]);
  });
  it('matches the reference roots for sizes 1..8', () => {
    for (let n = 1; n <= 8; n++) expect(merkleTreeHash(LEAVES.slice(0, n)).toString('hex')).toBe(ROOTS[n - 1]);
  });
  it('generates and verifies the reference inclusion proofs', () => {
    for (const [index, size, path] of INCLUSION) {
      const proof = inclusionProof(index, hashes.slice(0, size));
      expect(proof.map((p) => p.toString('hex'))).toEqual(path);
      expect(verifyInclusion(index, size, hashes[index], path.map(H), H(ROOTS[size - 1]))).toBe(true);
    }
  });
  it('generates and verifies the reference consistency proofs', () => {
    for (const [first, second, path] of CONSISTENCY) {
      expect(consistencyProof(first, hashes.slice(0, second)).map((p) => p.toString('hex'))).toEqual(path);
      expect(verifyConsistency(first, second, H(ROOTS[first - 1]), H(ROOTS[second - 1]), path.map(H))).toBe(true);
    }
  });
});

describe('proofs over random sizes', () => {
  const leaves = Array.from({ length: 301 }, (_, i) => randomBytes(i % 7));
  const hashes = leaves.map(leafHash);
  const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 127, 128, 129, 255, 256, 257, 300];

  it('agrees with an independent bottom-up root and with roots from complete subtrees', () => {
    for (const n of sizes) {
      const root = rootFromLeafHashes(hashes.slice(0, n));
      expect(root.equals(naiveRoot(hashes.slice(0, n)))).toBe(true);
      const fromNodes = rangeHashFrom({ start: 0, end: n }, (k) =>
        rootFromLeafHashes(hashes, k.index * 2 ** k.level, (k.index + 1) * 2 ** k.level));
      expect(fromNodes.equals(root)).toBe(true);
      expect(rangeNodeKeys({ start: 0, end: n })).toHaveLength(n.toString(2).replace(/0/g, '').length);
    }
  });

  it('verifies every inclusion proof and rejects wrong index, size, leaf, root and flipped path bytes', () => {
    for (const n of sizes) {
      const tree = hashes.slice(0, n);
      const root = rootFromLeafHashes(tree);
      for (let m = 0; m < n; m += Math.max(1, Math.floor(n / 13))) {
        const proof = inclusionProof(m, tree);
        expect(verifyInclusion(m, n, tree[m], proof, root)).toBe(true);
        expect(verifyInclusion(m, n, flip(tree[m]), proof, root)).toBe(false);
        expect(verifyInclusion(m, n, tree[m], proof, flip(root))).toBe(false);
        // A wrong size is only meaningful with the root of a tree of that size.
        expect(verifyInclusion(m, n + 1, tree[m], proof, rootFromLeafHashes(hashes.slice(0, n + 1)))).toBe(false);
        if (m < n - 1) expect(verifyInclusion(m, n - 1, tree[m], proof, rootFromLeafHashes(hashes.slice(0, n - 1)))).toBe(false);
        expect(verifyInclusion(n, n, tree[m], proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m ^ 1) < n ? m ^ 1 : m - 1, n, tree[m], proof, root)).toBe(false);
        for (let i = 0; i < proof.length; i++) {
          const bad = proof.map((p, j) => (j === i ? flip(p) : p));
          expect(verifyInclusion(m, n, tree[m], bad, root)).toBe(false);
        }
        expect(verifyInclusion(m, n, tree[m], [...proof, root], root)).toBe(false);
        if (proof.length > 0) expect(verifyInclusion(m, n, tree[m], proof.slice(1), root)).toBe(false);
      }
    }
  });

  it('gives the same verdicts with node hashes remembered across a batch of proofs under one root', () => {
    for (const n of sizes) {
      const tree = hashes.slice(0, n);
      const root = rootFromLeafHashes(tree);
      const remembering = rememberingNodeHash();
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(m, tree);
        expect(verifyInclusion(m, n, tree[m], proof, root, remembering)).toBe(true);
        // Every path node already remembered: a changed leaf or proof byte must still fail.
        expect(verifyInclusion(m, n, flip(tree[m]), proof, root, remembering)).toBe(false);
        if (proof.length > 0) expect(verifyInclusion(m, n, tree[m], [...proof.slice(0, -1), flip(proof.at(-1)!)], root, remembering)).toBe(false);
        expect(verifyInclusion(m, n, tree[m], proof, flip(root), remembering)).toBe(false);
      }
    }
  });

  it('verifies every consistency proof and rejects wrong sizes, roots and flipped bytes', () => {
    for (const n of sizes) {
      const second = rootFromLeafHashes(hashes.slice(0, n));
      for (let m = 1; m <= n; m += Math.max(1, Math.floor(n / 11))) {
        const first = rootFromLeafHashes(hashes.slice(0, m));
        const proof = consistencyProof(m, hashes.slice(0, n));
        expect(proof.length).toBe(consistencyRanges(m, n).length);
        expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
        if (m === n) continue;
        expect(verifyConsistency(m, n, flip(first), second, proof)).toBe(false);
        expect(verifyConsistency(m, n, first, flip(second), proof)).toBe(false);
        expect(verifyConsistency(m + 1, n, first, second, proof)).toBe(false);
        expect(verifyConsistency(m, n + 1, first, rootFromLeafHashes(hashes.slice(0, n + 1)), proof)).toBe(false);
        if (m < n - 1) expect(verifyConsistency(m, n - 1, first, rootFromLeafHashes(hashes.slice(0, n - 1)), proof)).toBe(false);
        if (m > 1) expect(verifyConsistency(m - 1, n, rootFromLeafHashes(hashes.slice(0, m - 1)), second, proof)).toBe(false);
        for (let i = 0; i < proof.length; i++) {
          const bad = proof.map((p, j) => (j === i ? flip(p) : p));
          expect(verifyConsistency(m, n, first, second, bad)).toBe(false);
        }
      }
    }
  });

  it('treats size 0 and equal sizes as the RFC does and refuses a shrinking tree', () => {
    const root = rootFromLeafHashes(hashes.slice(0, 5));
    expect(verifyConsistency(0, 5, EMPTY_ROOT, root, [])).toBe(true);
    expect(verifyConsistency(5, 5, root, root, [])).toBe(true);
    expect(verifyConsistency(5, 5, root, flip(root), [])).toBe(false);
    expect(verifyConsistency(5, 3, root, root, [root])).toBe(false);
    expect(() => consistencyRanges(5, 3)).toThrow(RangeError);
    expect(() => inclusionProof(5, hashes.slice(0, 5))).toThrow(RangeError);
  });
});
