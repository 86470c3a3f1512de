import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricInputError, rocAuc } from '../../../models/evaluation/index.js';

const scoredLabels = fc
  .array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, 1)), {
    minLength: 2,
    maxLength: 200,
  })
  .filter((rows) => rows.some(([, label]) => label === 1) && rows.some(([, label]) => label === 0));

describe('rocAuc', () => {
  it('matches a hand-computed example with a tie across classes', () => {
    // Arrange: positives score 0.9 and 0.5, negatives 0.5 and 0.1; of the 4 pairs, 3 are ordered
    // correctly and one (0.5 vs 0.5) is tied, worth one half.
    const scores = [0.9, 0.5, 0.5, 0.1];
    const labels = [1, 1, 0, 0];

    // Act
    const auc = rocAuc(scores, labels);

    // Assert
    expect(auc).toBeCloseTo(3.5 / 4, 12);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (negatives, positives) => {
        // Arrange
        const labels = [...Array<number>(negatives).fill(0), ...Array<number>(positives).fill(1)];
        const scores = labels.map((_, index) => index);

        // Act
        const perfect = rocAuc(scores, labels);
        const reversed = rocAuc(scores.map((score) => -score), labels);

        // Assert
        expect(perfect).toBe(1);
        expect(reversed).toBe(0);
      }),
    );
  });

  it('is invariant under strictly increasing transforms of the scores', () => {
    fc.assert(
      fc.property(scoredLabels, (rows) => {
        // Arrange
        const scores = rows.map(([score]) => score);
        const labels = rows.map(([, label]) => label);

        // Act
        const raw = rocAuc(scores, labels);
        const transformed = rocAuc(scores.map((score) => Math.exp(score / 100) * 3 + 7), labels);

        // Assert
        expect(transformed).toBeCloseTo(raw, 12);
      }),
    );
  });

  it('equals the pairwise definition (with ties worth one half) and lies in [0, 1]', () => {
    fc.assert(
      fc.property(scoredLabels, (rows) => {
        // Arrange
        const positives = rows.filter(([, label]) => label === 1).map(([score]) => score);
        const negatives = rows.filter(([, label]) => label === 0).map(([score]) => score);
        const pairScore = (positive: number, negative: number): number =>
          positive > negative ? 1 : positive === negative ? 0.5 : 0;
        const pairwiseWins = positives
          .flatMap((positive) => negatives.map((negative) => pairScore(positive, negative)))
          .reduce((sum, win) => sum + win, 0);

        // Act
        const auc = rocAuc(rows.map(([score]) => score), rows.map(([, label]) => label));

        // Assert
        expect(auc).toBeCloseTo(pairwiseWins / (positives.length * negatives.length), 12);
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is 0.5 when every score is tied', () => {
    // Arrange
    const labels = [0, 1, 1, 0, 1];

    // Act
    const auc = rocAuc([3, 3, 3, 3, 3], labels);

    // Assert
    expect(auc).toBe(0.5);
  });

  it('rejects a single class, non-binary labels and mismatched lengths', () => {
    // Arrange, act and assert
    expect(() => rocAuc([0.1, 0.2], [1, 1])).toThrow(MetricInputError);
    expect(() => rocAuc([0.1, 0.2], [1, 2])).toThrow(MetricInputError);
    expect(() => rocAuc([0.1], [1, 0])).toThrow(MetricInputError);
    expect(() => rocAuc([Number.NaN, 0.2], [1, 0])).toThrow(MetricInputError);
  });
});
