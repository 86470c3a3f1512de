import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../models/evaluation/index.js';
import { GradientBoostingInputError, gradientBoostingBaseline } from '../../../models/gradient-boosting/index.js';
import { syntheticRows } from './synthetic-data.js';

/** Customers with a high first feature buy; spend grows with the second feature. */
const spend = (row: Float32Array, random: () => number) =>
  row[0]! + 0.3 * (random() - 0.5) > 0 ? 50 + 40 * row[1]! + 5 * random() : 0;

describe('gradientBoostingBaseline', () => {
  it('predicts churn as no spend and a non-negative spend for each evaluation row, in order', () => {
    // Arrange
    const training = syntheticRows(2000, 3, 1, spend);
    const evaluation = syntheticRows(500, 3, 2, spend);

    // Act
    const { churnProbability, predictedValue } = gradientBoostingBaseline(
      { values: training.x, width: 3, spend: training.y },
      { values: evaluation.x, width: 3 },
      42,
    );

    // Assert
    const churned = Array.from(evaluation.y, (value) => (value === 0 ? 1 : 0));
    expect(churnProbability).toHaveLength(500);
    expect(predictedValue).toHaveLength(500);
    expect(rocAuc(Array.from(churnProbability), churned)).toBeGreaterThan(0.9);
    expect(predictedValue.every((value) => value >= 0)).toBe(true);
    const buyers = Array.from(evaluation.y.keys()).filter((row) => evaluation.y[row]! > 0);
    const meanError = buyers.reduce((sum, row) => sum + Math.abs(predictedValue[row]! - evaluation.y[row]!), 0) / buyers.length;
    expect(meanError).toBeLessThan(10);
  });

  it('rejects evaluation rows of another width', () => {
    // Arrange
    const training = syntheticRows(100, 3, 1, spend);

    // Act + Assert
    expect(() =>
      gradientBoostingBaseline({ values: training.x, width: 3, spend: training.y }, { values: new Float32Array(4), width: 2 }, 1),
    ).toThrow(GradientBoostingInputError);
  });
});
