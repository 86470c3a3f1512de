import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brierScore, MetricInputError } from '../../../models/evaluation/index.js';

describe('brierScore', () => {
  it('matches a hand-computed example', () => {
    // Arrange: squared errors 0.01, 0.04, 0.49, 0.0
    const probs = [0.9, 0.2, 0.7, 0];
    const labels = [1, 0, 0, 0];

    // Act
    const score = brierScore(probs, labels);

    // Assert
    expect(score).toBeCloseTo((0.01 + 0.04 + 0.49) / 4, 12);
  });

  it('is 0 for certain correct forecasts and 1 for certain wrong ones', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1), { minLength: 1, maxLength: 100 }), (labels) => {
        // Act
        const perfect = brierScore(labels, labels);
        const inverted = brierScore(labels.map((label) => 1 - label), labels);

        // Assert
        expect(perfect).toBe(0);
        expect(inverted).toBe(1);
      }),
    );
  });

  it('lies in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), { minLength: 1 }),
        (rows) => {
          // Act
          const score = brierScore(rows.map(([prob]) => prob), rows.map(([, label]) => label));

          // Assert
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('rejects probabilities outside [0, 1] and empty input', () => {
    // Arrange, act and assert
    expect(() => brierScore([1.2], [1])).toThrow(MetricInputError);
    expect(() => brierScore([], [])).toThrow(MetricInputError);
  });
});
