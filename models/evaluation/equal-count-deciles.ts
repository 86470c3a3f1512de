import { ascendingOrder } from './sort-order.js';

export interface DecileGroup {
  /** 1 holds the lowest sort keys, 10 the highest. */
  decile: number;
  /** Indices into the original arrays. */
  indices: number[];
}

/**
 * Splits row indices into 10 groups of equal count (sizes differ by at most one) by ascending
 * `sortKeys`; ties keep input order so the split is deterministic. With fewer than 10 rows some
 * deciles would be empty and are left out.
 */
export function equalCountDeciles(sortKeys: readonly number[]): DecileGroup[] {
  const order = Array.from(ascendingOrder(sortKeys));
  const n = order.length;
  const groups: DecileGroup[] = [];
  for (let decile = 1; decile <= 10; decile += 1) {
    const start = Math.floor(((decile - 1) * n) / 10);
    const end = Math.floor((decile * n) / 10);
    if (end > start) groups.push({ decile, indices: order.slice(start, end) });
  }
  return groups;
}

export function meanAt(values: readonly number[], indices: readonly number[]): number {
  let sum = 0;
  for (const index of indices) sum += values[index] ?? 0;
  return sum / indices.length;
}
