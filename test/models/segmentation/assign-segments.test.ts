import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSegments } from '../../../models/segmentation/assign-segments.js';
import { SegmentationInputError } from '../../../models/segmentation/errors.js';
import type { SegmentFamilyId } from '../../../models/segmentation/segment-definition.js';
import { segmentationSettings, type SegmentationScore as CustomerScore } from '../../../models/segmentation/index.js';
import { customerScore, customerScoresArbitrary } from './customer-score-arbitrary.js';

const SINGLE_MEMBERSHIP_FAMILIES: SegmentFamilyId[] = ['rfm', 'clv-tier', 'churn-risk', 'lifecycle', 'predictive-grid'];

describe('assignSegments', () => {
  it('lists every definition, in family order, with lower-case url-safe ids', () => {
    // Act
    const { definitions, sizes } = assignSegments([]);

    // Assert
    expect(definitions.map((d) => d.family)).toEqual([
      ...Array(11).fill('rfm'),
      ...Array(6).fill('clv-tier'),
      ...Array(4).fill('churn-risk'),
      ...Array(7).fill('lifecycle'),
      ...Array(9).fill('predictive-grid'),
      'predictive',
    ]);
    expect(definitions.every((d) => /^[a-z0-9-]+:[a-z0-9-]+$/.test(d.id))).toBe(true);
    expect([...sizes.values()].every((size) => size === 0)).toBe(true);
  });

  it('assigns one segment per family, in the documented order', () => {
    // Arrange
    const scores = [
      customerScore('best', { recencyDays: 1, frequency: 20, monetary: 5_000, predictedClv: 900, churnProbability: 0.05 }),
      ...Array.from({ length: 9 }, (_, i) =>
        customerScore(`c${i}`, { recencyDays: 30 + i, frequency: 2, monetary: 100 + i, predictedClv: 50 + i }),
      ),
    ];

    // Act
    const { memberships } = assignSegments(scores);

    // Assert
    expect(memberships.get('best')).toEqual(['rfm:champions', 'clv:top-10', 'churn:low', 'lifecycle:active', 'grid:vip-secure']);
  });

  it('flags high spenders with high churn risk as high value at risk', () => {
    // Arrange: ten customers, the top spender (monetary quintile 5 holds two) is about to churn
    const scores = Array.from({ length: 10 }, (_, i) =>
      customerScore(`c${i}`, { monetary: 100 * (i + 1), churnProbability: i >= 8 ? [0.85, 0.2][i - 8] : 0.9 }),
    );

    // Act
    const { memberships, sizes } = assignSegments(scores);

    // Assert
    expect(memberships.get('c8')).toContain('predictive:high-value-at-risk');
    expect(memberships.get('c9')).not.toContain('predictive:high-value-at-risk');
    expect(memberships.get('c0')).not.toContain('predictive:high-value-at-risk');
    expect(sizes.get('predictive:high-value-at-risk')).toBe(1);
  });

  it('uses the configured high threshold for high value at risk', () => {
    const scores = Array.from({ length: 5 }, (_, i) => customerScore(`c${i}`, { monetary: i, churnProbability: 0.5 }));

    const { sizes } = assignSegments(scores, { settings: segmentationSettings({ churnBands: { medium: 0.2, high: 0.4 } }) });

    expect(sizes.get('predictive:high-value-at-risk')).toBe(1);
  });

  it('rejects repeated customer ids and non-finite values', () => {
    expect(() => assignSegments([customerScore('a'), customerScore('a')])).toThrow(SegmentationInputError);
    expect(() => assignSegments([customerScore('a', { predictedClv: Number.NaN })])).toThrow(SegmentationInputError);
    expect(() => assignSegments([customerScore('a', { churnProbability: 1.5 })])).toThrow(/outside \[0, 1\]/);
  });

  it('gives every customer exactly one segment per family, and sizes sum to n', () => {
    fc.assert(
      fc.property(customerScoresArbitrary(), (scores) => {
        const { definitions, memberships, sizes } = assignSegments(scores);
        const familyOf = new Map(definitions.map((d) => [d.id, d.family]));
        expect(memberships.size).toBe(scores.length);
        for (const ids of memberships.values()) {
          for (const family of SINGLE_MEMBERSHIP_FAMILIES) {
            expect(ids.filter((id) => familyOf.get(id) === family)).toHaveLength(1);
          }
        }
        for (const family of SINGLE_MEMBERSHIP_FAMILIES) {
          const total = definitions.filter((d) => d.family === family).reduce((sum, d) => sum + (sizes.get(d.id) ?? 0), 0);
          expect(total).toBe(scores.length);
        }
      }),
    );
  });

  it('orders CLV tiers: everyone in a higher tier has predictedClv >= everyone in a lower tier', () => {
    fc.assert(
      fc.property(customerScoresArbitrary(), (scores) => {
        const { definitions, memberships } = assignSegments(scores);
        const tierRank = new Map(definitions.filter((d) => d.family === 'clv-tier').map((d, rank) => [d.id, rank]));
        const tierOf = (score: CustomerScore): number =>
          tierRank.get(memberships.get(score.customerId)?.find((id) => tierRank.has(id)) ?? '') ?? -1;
        for (const a of scores) {
          for (const b of scores) {
            if (tierOf(a) < tierOf(b)) expect(a.predictedClv).toBeGreaterThanOrEqual(b.predictedClv);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(customerScoresArbitrary(), (scores) => {
        const forward = assignSegments(scores).memberships;
        const backward = assignSegments([...scores].reverse()).memberships;
        for (const [customerId, ids] of forward) expect(backward.get(customerId)).toEqual(ids);
      }),
    );
  });

  // Its speed is measured by `npm run bench` (assign segments), not here.
  it('segments a million customers, each once', () => {
    // Arrange
    const n = 1_000_000;
    const scores = Array.from({ length: n }, (_, i) =>
      customerScore(`c${i}`, {
        churnProbability: (i % 997) / 997,
        predictedClv: (i * 7919) % 100_003,
        recencyDays: i % 731,
        frequency: 1 + (i % 13),
        monetary: (i * 104_729) % 50_021,
      }),
    );

    // Act
    const { memberships, sizes } = assignSegments(scores);

    // Assert
    expect(memberships.size).toBe(n);
    const rfmMembers = [...sizes].filter(([id]) => id.startsWith('rfm:')).reduce((sum, [, size]) => sum + size, 0);
    expect(rfmMembers).toBe(n);
  });
});
