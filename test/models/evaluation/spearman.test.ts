import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricInputError, spearman } from '../../../models/evaluation/index.js';

const nonConstant = (length: number) =>
  fc
    .array(fc.integer({ min: -20, max: 20 }), { minLength: length, maxLength: length })
    .filter((values) => values.some((value) => value !== values[0]));

const pairedNonConstant = fc
  .integer({ min: 2, max: 60 })
  .chain((length) => fc.tuple(nonConstant(length), nonConstant(length)));

describe('spearman', () => {
  it('matches a hand-computed example with ties', () => {
    // Arrange: ranks of a are [1, 2.5, 2.5, 4], ranks of b are [1, 2, 4, 3];
    // deviations from 2.5 are [-1.5, 0, 0, 1.5] and [-1.5, -0.5, 1.5, 0.5], so the
    // covariance sum is 3, the variance sums 4.5 and 5, and rho = 3 / sqrt(22.5).
    const a = [1, 2, 2, 3];
    const b = [10, 20, 40, 30];

    // Act
    const rho = spearman(a, b);

    // Assert
    expect(rho).toBeCloseTo(3 / Math.sqrt(22.5), 12);
  });

  it('is 1 for any increasing relation and -1 for any decreasing one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 50 }), (values) => {
        // Act
        const increasing = spearman(values, values.map((value) => value ** 3 + 1));
        const decreasing = spearman(values, values.map((value) => -Math.exp(value / 100)));

        // Assert
        expect(increasing).toBeCloseTo(1, 12);
        expect(decreasing).toBeCloseTo(-1, 12);
      }),
    );
  });

  it('lies in [-1, 1] and is symmetric', () => {
    fc.assert(
      fc.property(pairedNonConstant, ([a, b]) => {
        // Act
        const rho = spearman(a, b);

        // Assert
        expect(rho).toBeGreaterThanOrEqual(-1);
        expect(rho).toBeLessThanOrEqual(1);
        expect(spearman(b, a)).toBeCloseTo(rho, 12);
      }),
    );
  });

  it('rejects a constant input', () => {
    // Arrange, act and assert
    expect(() => spearman([1, 1, 1], [1, 2, 3])).toThrow(MetricInputError);
  });
});
