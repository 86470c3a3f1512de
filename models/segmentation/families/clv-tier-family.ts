import type { PopulationStats } from '../population/population-stats.js';
import type { SegmentationScore } from '../segmentation-score.js';
import { clvTiersOf } from './clv-tiers.js';
import type { SegmentFamily } from './segment-family.js';

type RankedCustomer = { value: number; customerId: string };

const precedes = (a: RankedCustomer, b: RankedCustomer): boolean => a.value > b.value || (a.value === b.value && a.customerId < b.customerId);

/** Value-tier index of a customer (0 = best tier): the first tier whose last customer does not rank before it. */
export function tierIndexOf(score: Pick<SegmentationScore, 'customerId' | 'predictedClv'>, tierEnds: PopulationStats['tierEnds']): number {
  const self = { value: score.predictedClv, customerId: score.customerId };
  for (let k = 0; k < tierEnds.length; k += 1) {
    const end = tierEnds[k];
    if (!end) continue;
    if (!precedes(end, self)) return k;
  }
  return tierEnds.length - 1;
}

/**
 * Predicted-value tiers by rank of predicted CLV (ties broken by customer id, so a tier never
 * holds more than its share): `clv:top-1`, `clv:top-5`, ... `clv:bottom-50` by default.
 */
export const CLV_TIER_FAMILY: SegmentFamily = {
  id: 'clv-tier',
  enabled: (settings) => settings.valueTiers.enabled,
  definitions: (settings) => clvTiersOf(settings.valueTiers.topPercents).map((tier) => tier.definition),
  assign: (context) => {
    const { tierEnds } = context.population;
    const assigned = new Int16Array(context.scores.length);
    context.scores.forEach((score, i) => {
      assigned[i] = tierIndexOf(score, tierEnds);
    });
    return assigned;
  },
};
