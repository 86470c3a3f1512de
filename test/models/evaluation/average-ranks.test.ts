import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks } from '../../../models/evaluation/average-ranks.js';

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    // Act
    const ranks = averageRanks([30, 10, 20, 10, 30, 30]);

    // Assert
    expect(ranks).toEqual([5, 1.5, 3, 1.5, 5, 5]);
  });

  it('always sums to n(n + 1) / 2', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 })), (values) => {
        // Act
        const ranks = averageRanks(values);

        // Assert
        const n = values.length;
        expect(ranks.reduce((sum, rank) => sum + rank, 0)).toBeCloseTo((n * (n + 1)) / 2, 9);
      }),
    );
  });
});
