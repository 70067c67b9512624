import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultCheckThreads } from './node-server.ts';

describe('defaultCheckThreads', () => {
  it('gives one check thread from 2 CPUs up and none on a single CPU', () => {
    expect([1, 2, 4, 64].map((cpus) => defaultCheckThreads(cpus))).toEqual([0, 1, 1, 1]);
    expect(defaultCheckThreads()).toBe(availableParallelism() >= 2 ? 1 : 0);
  });
});
