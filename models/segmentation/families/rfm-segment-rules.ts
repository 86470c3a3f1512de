import type { SegmentDefinition } from '../segment-definition.js';

/** An inclusive range of quintile scores, 1..5. */
export interface ScoreRange {
  min: number;
  max: number;
}

/** A customer's place on the RFM grid: recency score R and combined frequency-monetary score FM. */
export interface RfmCell {
  recency: number;
  frequencyMonetary: number;
}

export interface RfmSegmentRule {
  definition: SegmentDefinition;
  recency: ScoreRange;
  frequencyMonetary: ScoreRange;
}

function rule(
  slug: string,
  name: string,
  description: string,
  recency: ScoreRange,
  frequencyMonetary: ScoreRange,
): RfmSegmentRule {
  return { definition: { id: `rfm:${slug}`, family: 'rfm', name, description }, recency, frequencyMonetary };
}

function range(min: number, max: number): ScoreRange {
  return { min, max };
}

/**
 * The classic R × FM grid, as an ORDERED list: the first rule that matches wins.
 * The first ten rules do not overlap; `Lost`, last, is the catch-all and in practice
 * receives exactly R = 1 with FM 1–2. Tests enumerate all 125 (R, F, M) combinations.
 */
export const RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = [
  rule('champions', 'Champions', 'Bought very recently, buy often and spend the most.', range(5, 5), range(4, 5)),
  rule('loyal-customers', 'Loyal Customers', 'Buy regularly and spend well; recent, not the most recent.', range(3, 4), range(4, 5)),
  rule('potential-loyalists', 'Potential Loyalists', 'Recent, with average frequency and spend.', range(4, 5), range(2, 3)),
  rule('new-customers', 'New Customers', 'Bought very recently, but rarely and little so far.', range(5, 5), range(1, 1)),
  rule('promising', 'Promising', 'Fairly recent, low frequency and spend.', range(4, 4), range(1, 1)),
  rule('need-attention', 'Need Attention', 'Average recency, frequency and spend.', range(3, 3), range(3, 3)),
  rule('about-to-sleep', 'About To Sleep', 'Average recency, below-average frequency and spend.', range(3, 3), range(1, 2)),
  rule('cannot-lose-them', 'Cannot Lose Them', 'Were among the best, but not for a long time.', range(1, 2), range(5, 5)),
  rule('at-risk', 'At Risk', 'Bought often and spent well, but long ago.', range(1, 2), range(3, 4)),
  rule('hibernating', 'Hibernating', 'Last bought a while ago, rarely and for little.', range(2, 2), range(1, 2)),
  rule('lost', 'Lost', 'Everyone not matched above: longest gone, lowest frequency and spend.', range(1, 5), range(1, 5)),
];

export function matchesRfmRule(rfmRule: RfmSegmentRule, cell: RfmCell): boolean {
  return within(rfmRule.recency, cell.recency) && within(rfmRule.frequencyMonetary, cell.frequencyMonetary);
}

function within(range: ScoreRange, score: number): boolean {
  return score >= range.min && score <= range.max;
}

/** Index into `rules` of the first rule matching `cell`, or -1 when none does. */
export function firstMatchingRfmRule(rules: readonly RfmSegmentRule[], cell: RfmCell): number {
  return rules.findIndex((rfmRule) => matchesRfmRule(rfmRule, cell));
}
