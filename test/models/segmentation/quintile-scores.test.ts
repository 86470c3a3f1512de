import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quintileScores } from '../../../models/segmentation/population/quintile-scores.js';

function referenceScores(values: number[], direction: 'higher-is-better' | 'lower-is-better'): number[] {
  return values.map((value) => {
    const worse = values.filter((other) => (direction === 'higher-is-better' ? other < value : other > value)).length;
    return 1 + Math.floor((5 * worse) / values.length);
  });
}

describe('quintileScores', () => {
  it('splits ten distinct values into five pairs', () => {
    // Arrange
    const values = Float64Array.from([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);

    // Act
    const scores = quintileScores(values, 'higher-is-better');

    // Assert
    expect([...scores]).toEqual([5, 1, 5, 1, 4, 2, 4, 2, 3, 3]);
  });

  it('scores lower values higher when lower is better (recency)', () => {
    const scores = quintileScores(Float64Array.from([0, 10, 20, 30, 40]), 'lower-is-better');

    expect([...scores]).toEqual([5, 4, 3, 2, 1]);
  });

  it('gives tied values the score of the lowest position of their group', () => {
    // Arrange: six customers with one order, four with more
    const values = Float64Array.from([1, 1, 1, 1, 1, 1, 2, 2, 3, 4]);

    // Act
    const scores = quintileScores(values, 'higher-is-better');

    // Assert: 6 strictly below the 2s -> 1 + floor(30 / 10) = 4
    expect([...scores]).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });

  it('scores everyone 1 when all values are equal', () => {
    expect([...quintileScores(Float64Array.from([7, 7, 7]), 'lower-is-better')]).toEqual([1, 1, 1]);
  });

  it('matches the documented tie rule and does not depend on input order', () => {
    const values = fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true })), {
      minLength: 1,
      maxLength: 120,
    });
    fc.assert(
      fc.property(values, fc.constantFrom('higher-is-better' as const, 'lower-is-better' as const), (raw, direction) => {
        const scores = [...quintileScores(Float64Array.from(raw), direction)];
        expect(scores).toEqual(referenceScores(raw.map((v) => v + 0), direction));
        const reversed = [...quintileScores(Float64Array.from([...raw].reverse()), direction)];
        expect(reversed).toEqual([...scores].reverse());
      }),
    );
  });
});
