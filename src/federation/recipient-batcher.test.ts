import { describe, expect, it } from 'vitest';
import { RecipientBatcher } from './recipient-batcher.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RecipientBatcher', () => {
  it('sends a lone item at once and groups what arrives while a batch is in flight, per recipient, bounded', async () => {
    const batches: [string, number[]][] = [];
    const gates: (() => void)[] = [];
    const batcher = new RecipientBatcher<number, number>({
      maxBatch: 3, maxInFlight: 1,
      run: async (recipient, items) => {
        batches.push([recipient, [...items]]);
        await new Promise<void>((resolve) => gates.push(resolve));
        return items.map((i) => i * 10);
      },
    });
    const first = batcher.submit('x', 1);
    await tick();
    expect(batches).toEqual([['x', [1]]]);
    const rest = [2, 3, 4, 5].map((i) => batcher.submit('x', i));
    const other = batcher.submit('y', 9);
    await tick();
    expect(batches).toEqual([['x', [1]], ['y', [9]]]);
    gates.shift()!();
    expect(await first).toBe(10);
    await tick();
    expect(batches.at(-1)).toEqual(['x', [2, 3, 4]]);
    gates.shift()!();
    gates.shift()!();
    await tick();
    await tick();
    expect(batches.at(-1)).toEqual(['x', [5]]);
    gates.shift()!();
    expect(await Promise.all([...rest, other])).toEqual([20, 30, 40, 50, 90]);
  });

  it('rejects the items of a failing batch only', async () => {
    const batcher = new RecipientBatcher<number, number>({
      run: async (recipient, items) => {
        if (recipient === 'bad') throw new Error('down');
        return items.map((i) => i);
      },
    });
    const bad = batcher.submit('bad', 1);
    const good = batcher.submit('good', 2);
    await expect(bad).rejects.toThrow('down');
    expect(await good).toBe(2);
  });
});
