import { describe, expect, it } from 'vitest';
import { leafHash, rootFromLeafHashes, type NodeKey } from './merkle.ts';
import { TreeRecompute, subtreesClosedBy } from './tree-recompute.ts';

const hashes = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
const subtree = (k: NodeKey): Buffer => rootFromLeafHashes(hashes, k.index * 2 ** k.level, (k.index + 1) * 2 ** k.level);

describe('TreeRecompute', () => {
  it('lists the subtrees each leaf completes', () => {
    expect(subtreesClosedBy(0)).toEqual([{ level: 0, index: 0 }]);
    expect(subtreesClosedBy(7)).toEqual([
      { level: 0, index: 7 }, { level: 1, index: 3 }, { level: 2, index: 1 }, { level: 3, index: 0 },
    ]);
    expect(subtreesClosedBy(10)).toEqual([{ level: 0, index: 10 }]);
  });

  it('has the RFC 9162 root after every leaf and agrees with every correct stored subtree', () => {
    const reported: string[] = [];
    const tree = new TreeRecompute({ mismatch: (k) => reported.push(`mismatch ${k.level}/${k.index}`), missing: (k) => reported.push(`missing ${k.level}/${k.index}`) });
    expect(tree.root()).toBeNull();
    for (let i = 0; i < hashes.length; i++) {
      tree.add(hashes[i], subtree);
      expect(tree.root()?.equals(rootFromLeafHashes(hashes.slice(0, i + 1)))).toBe(true);
    }
    expect(reported).toEqual([]);
  });

  it('reports only the lowest disagreeing subtree, missing ones, and an unknown leaf as an unknown root', () => {
    const reported: string[] = [];
    const tree = new TreeRecompute({ mismatch: (k) => reported.push(`mismatch ${k.level}/${k.index}`), missing: (k) => reported.push(`missing ${k.level}/${k.index}`) });
    const stored = (k: NodeKey): Buffer | undefined => {
      if (k.level === 1 && k.index === 2) return Buffer.alloc(32);
      if (k.level === 0 && k.index === 9) return undefined;
      return subtree(k);
    };
    for (let i = 0; i < 16; i++) tree.add(i === 12 ? null : hashes[i], stored);
    expect(reported).toEqual(['mismatch 1/2', 'missing 0/9']);
    expect(tree.root()).toBeNull();
  });
});
