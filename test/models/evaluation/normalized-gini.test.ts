import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricInputError, normalizedGini } from '../../../models/evaluation/index.js';

// Cases from the Kaggle normalized-Gini reference tests, as [actual, predicted, normalized Gini].
const kaggleCases: Array<[number[], number[], number]> = [
  [[1, 2, 3], [10, 20, 30], 1],
  [[1, 2, 3], [30, 20, 10], -1],
  [[1, 2, 3], [0, 0, 0], -1],
  [[3, 2, 1], [0, 0, 0], 1],
  [[1, 2, 4, 3], [0, 0, 0, 0], -0.8],
  [[2, 1, 4, 3], [0, 0, 2, 1], 1],
  [[0, 20, 40, 0, 10], [40, 40, 10, 5, 5], 0],
  [[40, 0, 20, 0, 10], [1000000, 40, 40, 5, 5], 0.6],
  [[40, 20, 10, 0, 0], [40, 20, 10, 0, 0], 1],
  [[1, 1, 0, 1], [0.86, 0.26, 0.52, 0.32], -1 / 3],
];

const nonConstantActuals = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 100 })
  .filter((values) => values.some((value) => value !== values[0]));

describe('normalizedGini', () => {
  it.each(kaggleCases)('matches the Kaggle reference for actual %j, predicted %j', (actual, predicted, expected) => {
    // Act
    const gini = normalizedGini(predicted, actual);

    // Assert
    expect(gini).toBeCloseTo(expected, 10);
  });

  it('is 1 for a perfect prediction and for any strictly increasing transform of it', () => {
    fc.assert(
      fc.property(nonConstantActuals, (actual) => {
        // Act
        const perfect = normalizedGini(actual, actual);
        const transformed = normalizedGini(actual.map((value) => Math.sqrt(value) + 2), actual);

        // Assert
        expect(perfect).toBeCloseTo(1, 12);
        expect(transformed).toBeCloseTo(1, 12);
      }),
    );
  });

  it('lies in [-1, 1]', () => {
    fc.assert(
      fc.property(
        nonConstantActuals.chain((actual) =>
          fc.tuple(fc.constant(actual), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
            minLength: actual.length,
            maxLength: actual.length,
          })),
        ),
        ([actual, predicted]) => {
          // Act
          const gini = normalizedGini(predicted, actual);

          // Assert
          expect(gini).toBeGreaterThanOrEqual(-1 - 1e-12);
          expect(gini).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
    );
  });

  it('rejects constant actual values', () => {
    // Arrange, act and assert
    expect(() => normalizedGini([1, 2, 3], [5, 5, 5])).toThrow(MetricInputError);
    expect(() => normalizedGini([1, 2, 3], [0, 0, 0])).toThrow(MetricInputError);
  });
});
