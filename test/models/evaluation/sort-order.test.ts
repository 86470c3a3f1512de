import { describe, expect, it } from 'vitest';
import { ascendingOrder, descendingFromAscending } from '../../../models/evaluation/sort-order.js';
import { seededRandom } from '../../support/seeded-random.js';

/** The definition: a stable comparison sort of the indices. */
const reference = (keys: number[], descending: boolean) =>
  keys.map((_, i) => i).sort((a, b) => (descending ? keys[b]! - keys[a]! : keys[a]! - keys[b]!) || a - b);

describe('ascendingOrder', () => {
  it.each([
    ['small', 50],
    ['radix-sized', 20_000],
  ])('orders %s inputs as a stable comparison sort does, ties, negatives, zeros of both signs and extremes included', (_, n) => {
    const random = seededRandom(n);
    const pool = [0, -0, 1, -1, 0.5, 1e-300, -1e-300, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 123.456];
    const keys = Array.from({ length: n }, () => (random() < 0.3 ? pool[Math.floor(random() * pool.length)]! : (random() - 0.5) * 10 ** Math.floor(random() * 12)));
    for (const descending of [false, true]) {
      expect(Array.from(ascendingOrder(keys, descending))).toEqual(reference(keys, descending));
    }
  });

  it.each([
    // Runs of equal high words: short (insertion), mid-sized (8-bit passes) and one long run (16-bit passes).
    ['clusters of a few', 3_000],
    ['clusters of hundreds', 60],
    ['one cluster', 1],
  ])('orders keys packed within a millionth of each other (%s) as a stable comparison sort does', (_, clusters) => {
    const random = seededRandom(clusters + 7);
    const n = clusters === 1 ? 150_000 : 80_000;
    const keys = Array.from({ length: n }, () => {
      const centre = 1 + Math.floor(random() * clusters);
      // Ties within a cluster too: every fifth key repeats one of a few offsets.
      return centre * (1 + (random() < 0.2 ? Math.floor(random() * 4) * 1e-12 : random() * 1e-9)) * (clusters > 1 && random() < 0.5 ? -1 : 1);
    });
    for (const descending of [false, true]) {
      expect(Array.from(ascendingOrder(keys, descending))).toEqual(reference(keys, descending));
    }
  });

  it('keeps input order when every key is equal', () => {
    const keys = new Array<number>(10_000).fill(3);
    expect(Array.from(ascendingOrder(keys))).toEqual(keys.map((_, i) => i));
  });

  it.each([
    ['small', 50],
    ['radix-sized', 20_000],
  ])('gives the descending order of %s inputs from the ascending one, ties still in input order', (_, n) => {
    const random = seededRandom(n + 1);
    const pool = [0, -0, 1, -1, 2.5, 5e-324];
    const keys = Array.from({ length: n }, () => (random() < 0.5 ? pool[Math.floor(random() * pool.length)]! : Math.round((random() - 0.5) * 1000) / 8));
    expect(Array.from(descendingFromAscending(keys, ascendingOrder(keys)))).toEqual(reference(keys, true));
  });
});
