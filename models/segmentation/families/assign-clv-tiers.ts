import type { SegmentationScore } from '../segmentation-score.js';
import { clvTierCutoffs } from './clv-tiers.js';
import { atLeastAbove, atLeastBelow, countAbove, sortedAscending } from '../sorted-counts.js';

/**
 * CLV tier index per customer (aligned with `scores`), ranking by predictedClv descending and
 * breaking ties by customerId ascending (code-unit order).
 *
 * A tie group of value v occupies rank positions [above(v), n - 1 - below(v)]. Only a group that
 * straddles a tier boundary needs the customerId order, so instead of sorting a million
 * customers by (value, id) this sorts the numbers once and sorts by id just those groups.
 */
export function assignClvTiers(scores: readonly SegmentationScore[], predictedClv: Float64Array): Uint8Array {
  const n = predictedClv.length;
  const cutoffs = clvTierCutoffs(n);
  const ascending = sortedAscending(predictedClv);
  const tiers = new Uint8Array(n);
  const straddling: number[] = [];
  for (let i = 0; i < n; i++) {
    const value = predictedClv[i] as number;
    // first position < cutoff  <=>  fewer than `cutoff` values above
    const firstTier = cutoffs.findIndex((cutoff) => !atLeastAbove(ascending, cutoff, value));
    // last position < cutoff  <=>  at least n - cutoff values below
    const lastTier = cutoffs.findIndex((cutoff) => atLeastBelow(ascending, n - cutoff, value));
    if (firstTier === lastTier) tiers[i] = firstTier;
    else straddling.push(i);
  }
  assignStraddlingTieGroups(straddling, scores, predictedClv, ascending, cutoffs, tiers);
  return tiers;
}

function assignStraddlingTieGroups(
  straddling: number[],
  scores: readonly SegmentationScore[],
  predictedClv: Float64Array,
  ascending: Float64Array,
  cutoffs: readonly number[],
  tiers: Uint8Array,
): void {
  const idOf = (i: number): string => (scores[i] as SegmentationScore).customerId;
  straddling.sort((a, b) => {
    const byValue = (predictedClv[b] as number) - (predictedClv[a] as number);
    if (byValue !== 0) return byValue;
    return idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0;
  });
  let previousValue = Number.NaN;
  let position = 0;
  for (const i of straddling) {
    const value = predictedClv[i] as number;
    position = value === previousValue ? position + 1 : countAbove(ascending, value);
    previousValue = value;
    tiers[i] = cutoffs.findIndex((cutoff) => position < cutoff);
  }
}
