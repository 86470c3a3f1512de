import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationByDecile } from '../../../models/evaluation/index.js';

describe('calibrationByDecile', () => {
  it('builds one row per decile from the lowest to the highest predictions', () => {
    // Arrange: 20 rows, predictions 0.00..0.95, label 1 on every second row.
    const probs = Array.from({ length: 20 }, (_, index) => index / 20);
    const labels = probs.map((_, index) => index % 2);

    // Act
    const rows = calibrationByDecile(probs, labels);

    // Assert
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ decile: 1, meanPredicted: 0.025, observedRate: 0.5, count: 2 });
    expect(rows[9]?.decile).toBe(10);
    expect(rows[9]?.meanPredicted).toBeCloseTo(0.925, 12);
  });

  it('keeps every row, with counts that differ by at most one, and preserves the overall means', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), {
          minLength: 10,
          maxLength: 500,
        }),
        (pairs) => {
          // Arrange
          const probs = pairs.map(([prob]) => prob);
          const labels = pairs.map(([, label]) => label);

          // Act
          const rows = calibrationByDecile(probs, labels);

          // Assert
          const counts = rows.map((row) => row.count);
          expect(rows.map((row) => row.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
          expect(counts.reduce((sum, count) => sum + count, 0)).toBe(pairs.length);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
          const weightedRate = rows.reduce((sum, row) => sum + row.observedRate * row.count, 0);
          expect(weightedRate).toBeCloseTo(labels.reduce<number>((sum, label) => sum + label, 0), 8);
          const meanPredictions = rows.map((row) => row.meanPredicted);
          expect(meanPredictions).toEqual([...meanPredictions].sort((left, right) => left - right));
        },
      ),
    );
  });

  it('leaves out empty deciles when there are fewer than 10 rows', () => {
    // Act
    const rows = calibrationByDecile([0.2, 0.8, 0.5], [0, 1, 1]);

    // Assert
    expect(rows.map((row) => row.count)).toEqual([1, 1, 1]);
    expect(rows.map((row) => row.meanPredicted)).toEqual([0.2, 0.5, 0.8]);
  });
});
