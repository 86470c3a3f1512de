import type { SegmentationScore } from './segmentation-score.js';
import { clvTierCutoffs } from './clv-tiers.js';
import type { ScoreColumns } from './score-columns.js';
import { sortedAscending } from './sorted-counts.js';

/**
 * What segmenting one customer needs to know about everyone: a few order statistics per field.
 * With them a shard of customers gets exactly the RFM quintiles and value tiers it would get if
 * the whole population were segmented at once, and the statistics of a million customers fit in
 * a few hundred bytes that every shard reads.
 */
export interface PopulationStats {
  customers: number;
  /**
   * Quintile thresholds: entry k (k = 1..4) is the value at rank position ceil(k·n/5) in the
   * field's "worse" order, or null when that position does not exist (fewer customers).
   * A customer's score is 1 + the number of thresholds it beats strictly.
   */
  quintiles: { recencyDays: (number | null)[]; frequency: (number | null)[]; monetary: (number | null)[] };
  /**
   * For each value tier, the last customer inside it in (predicted value descending, id
   * ascending) order, or null when the tier is empty. A customer is in the first tier whose
   * last customer does not rank before it.
   */
  tierEnds: ({ value: number; customerId: string } | null)[];
}

const QUINTILE_STEPS = [1, 2, 3, 4];

/** Thresholds of a field where higher is better: "worse" = strictly below. */
function higherIsBetterThresholds(ascending: Float64Array): (number | null)[] {
  const n = ascending.length;
  return QUINTILE_STEPS.map((k) => {
    const needed = Math.ceil((k * n) / 5);
    return needed <= 0 || needed > n ? null : (ascending[needed - 1] as number);
  });
}

/** Thresholds of a field where lower is better (recency): "worse" = strictly above. */
function lowerIsBetterThresholds(ascending: Float64Array): (number | null)[] {
  const n = ascending.length;
  return QUINTILE_STEPS.map((k) => {
    const needed = Math.ceil((k * n) / 5);
    return needed <= 0 || needed > n ? null : (ascending[n - needed] as number);
  });
}

const precedes = (a: { value: number; customerId: string }, b: { value: number; customerId: string }): boolean =>
  a.value > b.value || (a.value === b.value && a.customerId < b.customerId);

/** The statistics of a population, from all of its customers' scores. */
export function computePopulationStats(customerIds: readonly string[], columns: Pick<ScoreColumns, 'recencyDays' | 'frequency' | 'monetary' | 'predictedClv'>): PopulationStats {
  const n = customerIds.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const byValue = (columns.predictedClv[b] as number) - (columns.predictedClv[a] as number);
    if (byValue !== 0) return byValue;
    const idA = customerIds[a] as string;
    const idB = customerIds[b] as string;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
  const tierEnds = clvTierCutoffs(n).map((cutoff) => {
    if (cutoff <= 0) return null;
    const i = order[Math.min(cutoff, n) - 1] as number;
    return { value: columns.predictedClv[i] as number, customerId: customerIds[i] as string };
  });
  return {
    customers: n,
    quintiles: {
      recencyDays: lowerIsBetterThresholds(sortedAscending(columns.recencyDays)),
      frequency: higherIsBetterThresholds(sortedAscending(columns.frequency)),
      monetary: higherIsBetterThresholds(sortedAscending(columns.monetary)),
    },
    tierEnds,
  };
}

/** Quintile score 1..5 of a value against a field's thresholds. */
export function quintileScoreOf(value: number, thresholds: readonly (number | null)[], direction: 'higher-is-better' | 'lower-is-better'): number {
  let score = 1;
  for (const threshold of thresholds) {
    if (threshold === null) continue;
    if (direction === 'higher-is-better' ? threshold < value : threshold > value) score += 1;
  }
  return score;
}

/** Value-tier index of a customer (0 = best tier). */
export function tierIndexOf(score: Pick<SegmentationScore, 'customerId' | 'predictedClv'>, tierEnds: PopulationStats['tierEnds']): number {
  const self = { value: score.predictedClv, customerId: score.customerId };
  for (let k = 0; k < tierEnds.length; k += 1) {
    const end = tierEnds[k];
    if (!end) continue;
    if (!precedes(end, self)) return k;
  }
  return tierEnds.length - 1;
}
