import { ascendingOrder } from './sort-order.js';

/**
 * 1-based ranks of `values` (smallest gets rank 1); tied values share the mean of the ranks they
 * span, as in the Mann-Whitney and Spearman statistics. O(n log n).
 */
export function averageRanks(values: ArrayLike<number>): number[] {
  return Array.from(ranksInOrder(values, ascendingOrder(values)));
}

/** averageRanks of `values` given their ascending order (ascendingOrder), so one sort serves several metrics. */
export function ranksInOrder(values: ArrayLike<number>, order: Uint32Array): Float64Array {
  const n = order.length;
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const value = values[order[start]!]!;
    let end = start + 1;
    while (end < n && values[order[end]!] === value) end += 1;
    const meanRank = start + (end - start + 1) / 2;
    for (let k = start; k < end; k += 1) ranks[order[k]!] = meanRank;
    start = end;
  }
  return ranks;
}
