import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParleyError } from '../errors.ts';
import { CommitGroup, type TransactionRunner } from './commit-group.ts';
import type { NodeStore } from './node-store.ts';
import { openSqliteNodeStore } from './sqlite-node-store.ts';

let dir: string;
let store: NodeStore;
let transactions: number;
// The store's own transaction, counted.
const counted: TransactionRunner = (work) => {
  transactions += 1;
  return store.transaction(work);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-commit-group-'));
  store = openSqliteNodeStore(dir, { passwordCost: 2 ** 14 });
  transactions = 0;
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CommitGroup', () => {
  it('runs the work requested in one turn in one transaction, in request order, each with its own result', async () => {
    const group = new CommitGroup(counted);
    const order: string[] = [];
    const write = (key: string) => group.run(async () => {
      order.push(key);
      await store.records.setState(key, `value of ${key}`);
      return key.toUpperCase();
    });
    expect(await Promise.all([write('a'), write('b'), write('c')])).toEqual(['A', 'B', 'C']);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(transactions).toBe(1);
    expect(await store.records.getState('b')).toBe('value of b');
    // Work requested later goes in a transaction of its own.
    await write('d');
    expect(transactions).toBe(2);
  });

  it('a failing piece of work rolls the shared transaction back; each piece then runs alone and keeps its own outcome', async () => {
    const group = new CommitGroup(counted);
    const good = (key: string) => group.run(async () => store.records.setState(key, 'kept'));
    const bad = group.run(async () => {
      await store.records.setState('bad', 'written before failing');
      throw new ParleyError('CONFLICT', 'this one fails');
    });
    const outcomes = await Promise.allSettled([good('first'), bad, good('last')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    // The shared attempt, then one each.
    expect(transactions).toBe(4);
    expect(await store.records.getState('first')).toBe('kept');
    expect(await store.records.getState('last')).toBe('kept');
    expect(await store.records.getState('bad')).toBeUndefined();
  });

  it('takes at most maxGroup pieces per transaction', async () => {
    const group = new CommitGroup(counted, { maxGroup: 2 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((key) => group.run(() => store.records.setState(key, key))));
    expect(transactions).toBe(3);
  });
});
