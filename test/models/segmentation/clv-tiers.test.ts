import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignClvTiers } from '../../../models/segmentation/families/assign-clv-tiers.js';
import { CLV_TIERS, clvTierCutoffs } from '../../../models/segmentation/families/clv-tiers.js';
import type { SegmentationScore as CustomerScore } from '../../../models/segmentation/index.js';
import { customerScore, customerScoresArbitrary } from './customer-score-arbitrary.js';

function tierIdsOf(scores: CustomerScore[]): string[] {
  const tiers = assignClvTiers(scores, Float64Array.from(scores, (s) => s.predictedClv));
  return [...tiers].map((tier) => CLV_TIERS[tier]?.definition.id ?? 'none');
}

/** Straightforward reference: sort everybody by (predictedClv desc, customerId asc), cut by position. */
function referenceTierIds(scores: CustomerScore[]): string[] {
  const cutoffs = clvTierCutoffs(scores.length);
  const ranked = [...scores].sort(
    (a, b) => b.predictedClv - a.predictedClv || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
  const tierById = new Map(ranked.map((s, position) => [s.customerId, cutoffs.findIndex((cutoff) => position < cutoff)]));
  return scores.map((s) => CLV_TIERS[tierById.get(s.customerId) ?? -1]?.definition.id ?? 'none');
}

describe('CLV tiers', () => {
  it('names the six disjoint bands clearly', () => {
    expect(CLV_TIERS.map((tier) => [tier.definition.id, tier.definition.name])).toEqual([
      ['clv:top-1', 'Top 1% predicted CLV'],
      ['clv:top-5', 'Top 1–5% predicted CLV'],
      ['clv:top-10', 'Top 5–10% predicted CLV'],
      ['clv:top-25', 'Top 10–25% predicted CLV'],
      ['clv:top-50', 'Top 25–50% predicted CLV'],
      ['clv:bottom-50', 'Bottom 50% predicted CLV'],
    ]);
  });

  it.each([
    [7, [0, 0, 0, 1, 3, 7]],
    [100, [1, 5, 10, 25, 50, 100]],
    [1_000, [10, 50, 100, 250, 500, 1_000]],
    [0, [0, 0, 0, 0, 0, 0]],
  ])('rounds cumulative band sizes down for %i customers', (n, expected) => {
    expect(clvTierCutoffs(n)).toEqual(expected);
  });

  it('places 7 customers as 1 in the top 10–25%, 2 in 25–50% and 4 in the bottom half', () => {
    // Arrange
    const scores = [70, 60, 50, 40, 30, 20, 10].map((clv, i) => customerScore(`c${i}`, { predictedClv: clv }));

    // Act
    const tiers = tierIdsOf(scores);

    // Assert
    expect(tiers).toEqual(['clv:top-25', 'clv:top-50', 'clv:top-50', ...Array(4).fill('clv:bottom-50')]);
  });

  it('breaks a tie across a band boundary by customerId', () => {
    // Arrange: 4 customers, top-50 holds 2 positions, three tie for positions 1..3
    const scores = [
      customerScore('b', { predictedClv: 5 }),
      customerScore('z', { predictedClv: 9 }),
      customerScore('c', { predictedClv: 5 }),
      customerScore('a', { predictedClv: 5 }),
    ];

    // Act
    const tiers = tierIdsOf(scores);

    // Assert
    expect(tiers).toEqual(['clv:bottom-50', 'clv:top-25', 'clv:bottom-50', 'clv:top-50']);
  });

  it('equals ranking by (predictedClv desc, customerId asc) and cutting by position', () => {
    fc.assert(
      fc.property(customerScoresArbitrary(300), (scores) => {
        expect(tierIdsOf(scores)).toEqual(referenceTierIds(scores));
      }),
    );
  });
});
