import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../../functions/shared/map-with-concurrency.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapWithConcurrency', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;

    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      most = Math.max(most, (running += 1));
      await sleep(n);
      running -= 1;
      return n * 10;
    });

    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('rejects with the first failure only once the calls in flight have settled, and starts no new one', async () => {
    const settled: number[] = [];
    const started: number[] = [];

    const outcome = mapWithConcurrency([1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('first');
      await sleep(30);
      settled.push(n);
      return n;
    });

    await expect(outcome).rejects.toThrow('first');
    expect(settled).toEqual([2]);
    expect(started).toEqual([1, 2]);
  });
});
