import { describe, expect, it } from 'vitest';
import { objectDigest } from './log-entry.ts';
import { ObjectDigests } from './object-digests.ts';

describe('ObjectDigests', () => {
  it('gives each object its objectDigest, computed once per object', () => {
    const digests = new ObjectDigests();
    const message = { id: 'x-parley-message--1', b: [1, 2], a: 'z' };
    const first = digests.of(message);
    expect(first).toBe(objectDigest({ a: 'z', b: [1, 2], id: 'x-parley-message--1' }));
    expect(digests.of(message)).toBe(first);
    expect(digests.of({ ...message, a: 'y' })).toBe(objectDigest({ ...message, a: 'y' }));
    expect(digests.of({ ...message, a: 'y' })).not.toBe(first);
  });
});
