import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitGradientBoosting, predictGradientBoosting } from '../../../models/gradient-boosting/index.js';

const dataset = fc
  .integer({ min: 2, max: 120 })
  .chain((rows) =>
    fc.record({
      features: fc.array(fc.float({ min: -1e6, max: 1e6, noNaN: true }), { minLength: rows * 2, maxLength: rows * 2 }),
      targets: fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: rows, maxLength: rows }),
      labels: fc.array(fc.constantFrom(0, 1), { minLength: rows, maxLength: rows }),
    }),
  );
const options = fc.record({ seed: fc.integer(), minSamplesLeaf: fc.integer({ min: 1, max: 30 }), maxIter: fc.integer({ min: 1, max: 15 }) });

describe('gradient boosting properties', () => {
  // Leaves are Newton steps (mean residual, l2 = 0) from the mean, so the residuals keep summing to 0.
  it('predicts finite values for squared error that average to the target mean on the training rows', () => {
    fc.assert(
      fc.property(dataset, options, ({ features, targets }, settings) => {
        // Arrange
        const x = Float32Array.from(features);

        // Act
        const predicted = predictGradientBoosting(
          fitGradientBoosting(x, 2, targets, { loss: 'squared-error', ...settings }),
          x,
          2,
        );

        // Assert
        expect(predicted.every(Number.isFinite)).toBe(true);
        const mean = (values: ArrayLike<number>) => Array.from(values).reduce((sum, value) => sum + value, 0) / values.length;
        expect(Math.abs(mean(predicted) - mean(targets))).toBeLessThan(1e-6);
      }),
      { numRuns: 60 },
    );
  });

  // Not strictly inside (0, 1): a raw score beyond about 37 rounds to probability 1 in float64.
  it('predicts finite probabilities in [0, 1] for log-loss', () => {
    fc.assert(
      fc.property(dataset, options, ({ features, labels }, settings) => {
        // Arrange
        const x = Float32Array.from(features);
        fc.pre(labels.includes(0) && labels.includes(1));

        // Act
        const probability = predictGradientBoosting(fitGradientBoosting(x, 2, labels, { loss: 'log-loss', ...settings }), x, 2);

        // Assert
        expect(probability.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
