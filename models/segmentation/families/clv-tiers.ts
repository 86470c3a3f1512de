import type { SegmentDefinition } from '../segment-definition.js';

export interface ClvTier {
  definition: SegmentDefinition;
  /** The tier holds ranks from the previous tier's cumulative share up to this share of customers. */
  cumulativeTopPercent: number;
}

export const DEFAULT_TOP_PERCENTS: readonly number[] = [1, 5, 10, 25, 50];

function tier(slug: string, name: string, description: string, cumulativeTopPercent: number): ClvTier {
  return { definition: { id: `clv:${slug}`, family: 'clv-tier', name, description }, cumulativeTopPercent };
}

/**
 * Disjoint bands by rank of predicted CLV, best first: `clv:top-P` for each cumulative top share
 * P (ascending), then `clv:bottom-R` for the rest.
 */
export function clvTiersOf(topPercents: readonly number[]): ClvTier[] {
  const tiers = topPercents.map((percent, i) => {
    const previous = i === 0 ? null : topPercents[i - 1];
    return previous === null || previous === undefined
      ? tier(`top-${percent}`, `Top ${percent}% predicted CLV`, `The ${percent}% of customers with the highest predicted CLV.`, percent)
      : tier(`top-${percent}`, `Top ${previous}–${percent}% predicted CLV`, `Ranked below the top ${previous}% and within the top ${percent}% by predicted CLV.`, percent);
  });
  const rest = 100 - (topPercents[topPercents.length - 1] ?? 0);
  const description = rest === 50 ? 'The half of customers with the lowest predicted CLV.' : `The ${rest}% of customers with the lowest predicted CLV.`;
  return [...tiers, tier(`bottom-${rest}`, `Bottom ${rest}% predicted CLV`, description, 100)];
}

/** The default tiers: top 1, 1–5, 5–10, 10–25, 25–50 and bottom 50%. */
export const CLV_TIERS: readonly ClvTier[] = clvTiersOf(DEFAULT_TOP_PERCENTS);

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
