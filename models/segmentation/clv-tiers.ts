import type { SegmentDefinition } from './segment-definition.js';

export interface ClvTier {
  definition: SegmentDefinition;
  /** The tier holds ranks from the previous tier's cumulative share up to this share of customers. */
  cumulativeTopPercent: number;
}

function tier(slug: string, name: string, description: string, cumulativeTopPercent: number): ClvTier {
  return { definition: { id: `clv:${slug}`, family: 'clv-tier', name, description }, cumulativeTopPercent };
}

/** Disjoint bands by rank of predicted CLV, best first. */
export const CLV_TIERS: readonly ClvTier[] = [
  tier('top-1', 'Top 1% predicted CLV', 'The 1% of customers with the highest predicted CLV.', 1),
  tier('top-5', 'Top 1–5% predicted CLV', 'Ranked below the top 1% and within the top 5% by predicted CLV.', 5),
  tier('top-10', 'Top 5–10% predicted CLV', 'Ranked below the top 5% and within the top 10% by predicted CLV.', 10),
  tier('top-25', 'Top 10–25% predicted CLV', 'Ranked below the top 10% and within the top 25% by predicted CLV.', 25),
  tier('top-50', 'Top 25–50% predicted CLV', 'Ranked below the top 25% and within the top 50% by predicted CLV.', 50),
  tier('bottom-50', 'Bottom 50% predicted CLV', 'The half of customers with the lowest predicted CLV.', 100),
];

/**
 * How many of `n` customers rank inside each tier or a better one.
 * Rounding: floor(n × cumulative% / 100), so a tier never holds more than its share and the
 * top tiers stay empty in small populations. With 7 customers: top-1, top-5 and top-10 are
 * empty, top-25 holds 1, top-50 holds 2 and bottom-50 holds 4.
 */
export function clvTierCutoffs(n: number, tiers: readonly ClvTier[] = CLV_TIERS): number[] {
  return tiers.map((clvTier, i) => (i === tiers.length - 1 ? n : Math.floor((n * clvTier.cumulativeTopPercent) / 100)));
}

/** Tier index for a 0-based rank position (0 = highest predicted CLV). */
export function clvTierIndexAt(position: number, cutoffs: readonly number[]): number {
  const index = cutoffs.findIndex((cutoff) => position < cutoff);
  return index < 0 ? cutoffs.length - 1 : index;
}
