import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimizeWithRestarts } from '../../../models/btyd/minimize-with-restarts.js';
import { nelderMead } from '../../../models/btyd/nelder-mead.js';

const rosenbrock = (point: readonly number[]): number => {
  let sum = 0;
  for (let index = 0; index + 1 < point.length; index += 1) {
    const x = point[index] ?? 0;
    const next = point[index + 1] ?? 0;
    sum += 100 * (next - x * x) ** 2 + (1 - x) ** 2;
  }
  return sum;
};

describe('nelderMead', () => {
  it('finds the minimum of the 2-D Rosenbrock function from the classic start', () => {
    // Act
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5000 });

    // Assert
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(1, 5);
    expect(result.value).toBeLessThan(1e-10);
  });

  it('finds the centre of any shifted 3-D quadratic bowl', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }), (centre) => {
        // Arrange
        const bowl = (point: readonly number[]) =>
          point.reduce((sum, coordinate, index) => sum + (index + 1) * (coordinate - (centre[index] ?? 0)) ** 2, 0);

        // Act
        const result = nelderMead(bowl, [0, 0, 0]);

        // Assert
        expect(result.converged).toBe(true);
        result.point.forEach((coordinate, index) => expect(coordinate).toBeCloseTo(centre[index] ?? 0, 6));
      }),
      { numRuns: 30 },
    );
  });

  it('treats NaN as +Infinity and stays where the objective is defined', () => {
    // Arrange: undefined for x < 0, minimum at x = 0.5
    const objective = ([x = 0]: readonly number[]) => (x < 0 ? Number.NaN : (x - 0.5) ** 2);

    // Act
    const result = nelderMead(objective, [2], { initialStep: 4 });

    // Assert
    expect(result.point[0]).toBeCloseTo(0.5, 6);
  });

  it('reports non-convergence when the iteration budget runs out', () => {
    // Act
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 });

    // Assert
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(10);
  });
});

describe('minimizeWithRestarts', () => {
  it('reaches the minimum of the 4-D Rosenbrock function and reports convergence', () => {
    // Act
    const result = minimizeWithRestarts(rosenbrock, [-1.2, 1, -1.2, 1], { maxRestarts: 10 });

    // Assert
    expect(result.converged).toBe(true);
    result.point.forEach((coordinate) => expect(coordinate).toBeCloseTo(1, 4));
  });
});
