import { ascendingOrder } from './sort-order.js';

export interface DecileGroup {
  /** 1 holds the lowest sort keys, 10 the highest. */
  decile: number;
  /** Indices into the original arrays. */
  indices: Uint32Array;
}

/**
 * Splits row indices into 10 groups of equal count (sizes differ by at most one) by ascending
 * `sortKeys`; ties keep input order so the split is deterministic. With fewer than 10 rows some
 * deciles would be empty and are left out.
 */
export function equalCountDeciles(sortKeys: ArrayLike<number>): DecileGroup[] {
  return decilesInOrder(ascendingOrder(sortKeys));
}

/** equalCountDeciles given the keys' ascending order (ascendingOrder); the groups are views of it. */
export function decilesInOrder(order: Uint32Array): DecileGroup[] {
  const n = order.length;
  const groups: DecileGroup[] = [];
  for (let decile = 1; decile <= 10; decile += 1) {
    const start = Math.floor(((decile - 1) * n) / 10);
    const end = Math.floor((decile * n) / 10);
    if (end > start) groups.push({ decile, indices: order.subarray(start, end) });
  }
  return groups;
}

export function meanAt(values: ArrayLike<number>, indices: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < indices.length; k += 1) sum += values[indices[k]!] ?? 0;
  return sum / indices.length;
}
