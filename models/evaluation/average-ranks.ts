import { ascendingOrder } from './sort-order.js';

/**
 * 1-based ranks of `values` (smallest gets rank 1); tied values share the mean of the ranks they
 * span, as in the Mann-Whitney and Spearman statistics. O(n log n).
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = ascendingOrder(values);
  const ranks = new Array<number>(values.length).fill(0);
  let tieGroup: number[] = [];
  let tieValue = Number.NaN;
  let ranksAssigned = 0;

  const closeTieGroup = (): void => {
    const meanRank = ranksAssigned + (tieGroup.length + 1) / 2;
    for (const index of tieGroup) ranks[index] = meanRank;
    ranksAssigned += tieGroup.length;
    tieGroup = [];
  };

  for (const index of order) {
    const value = values[index]!;
    if (value !== tieValue) closeTieGroup();
    tieValue = value;
    tieGroup.push(index);
  }
  closeTieGroup();
  return ranks;
}
