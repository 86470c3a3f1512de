import { describe, expect, it } from 'vitest';
import { holdoutLift } from '../../../models/lookalike/holdout-lift.js';
import { isHeldOut, splitHoldout } from '../../../models/lookalike/holdout-split.js';
import { seededRandom } from './synthetic-profiles.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('holdoutLift', () => {
  it('is 1 / topShare when every held-out member outranks every candidate', () => {
    // Arrange
    const candidateScores = range(100);
    const holdoutScores = [1000, 2000];

    // Act
    const lift = holdoutLift(candidateScores, holdoutScores, 0.1);

    // Assert
    expect(lift).toBeCloseTo(10, 12);
  });

  it('is 0 when held-out members rank last', () => {
    expect(holdoutLift(range(100), [-1], 0.1)).toBe(0);
  });

  it('credits ties with the share of tied positions inside the top', () => {
    // Arrange: all 99 candidates tie with the held-out member; 10 of 100 positions are in the top
    const lift = holdoutLift(Array(99).fill(0), [0], 0.1);

    // Assert: 9.9 top positions / 100 tied places, over 10%
    expect(lift).toBeCloseTo(0.99, 12);
  });

  it('is about 1 when held-out members score like candidates', () => {
    const random = seededRandom(3);
    const lift = holdoutLift(range(20_000).map(random), range(5_000).map(random), 0.1);

    expect(lift).toBeGreaterThan(0.9);
    expect(lift).toBeLessThan(1.1);
  });

  it('is null when there is nothing to compare', () => {
    expect(holdoutLift([], [1], 0.1)).toBeNull();
    expect(holdoutLift([1], [], 0.1)).toBeNull();
  });
});

describe('holdout split', () => {
  it('holds out about the requested share, deterministically and independently of order', () => {
    // Arrange
    const items = range(5_000).map((i) => ({ id: `customer-${i}` }));

    // Act
    const { holdout, training } = splitHoldout(items, 0.2);
    const reversed = splitHoldout([...items].reverse(), 0.2);

    // Assert
    expect(holdout.length + training.length).toBe(items.length);
    expect(holdout.length / items.length).toBeGreaterThan(0.18);
    expect(holdout.length / items.length).toBeLessThan(0.22);
    expect(new Set(reversed.holdout.map((item) => item.id))).toEqual(new Set(holdout.map((item) => item.id)));
    expect(holdout.every((item) => isHeldOut(item.id, 0.2))).toBe(true);
  });
});
