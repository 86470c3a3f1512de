import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../models/evaluation/index.js';
import { addTreeOutput } from '../../../models/gradient-boosting/add-tree-output.js';
import { BOOSTING_LOSSES } from '../../../models/gradient-boosting/boosting-loss.js';
import type { GradientBoostingModel, GradientBoostingTree } from '../../../models/gradient-boosting/gradient-boosting-model.js';
import { fitGradientBoosting, predictGradientBoosting } from '../../../models/gradient-boosting/index.js';
import { syntheticRows } from './synthetic-data.js';

const rSquared = (actual: Float64Array, predicted: Float64Array): number => {
  const mean = actual.reduce((sum, value) => sum + value, 0) / actual.length;
  let residual = 0;
  let total = 0;
  actual.forEach((value, i) => {
    residual += (value - predicted[i]!) ** 2;
    total += (value - mean) ** 2;
  });
  return 1 - residual / total;
};

/** A step in the first feature plus a sine of the second, with a little noise. */
const stepAndSine = (row: Float32Array, random: () => number) =>
  (row[0]! > 0.2 ? 3 : -1) + 2 * Math.sin(3 * row[1]!) + 0.2 * (random() - 0.5);

/** XOR of the signs of the first two features, 5% of labels flipped. */
const xor = (row: Float32Array, random: () => number) => {
  const label = row[0]! * row[1]! > 0 ? 1 : 0;
  return random() < 0.05 ? 1 - label : label;
};

describe('fitGradientBoosting', () => {
  it('recovers a step plus a sine far better than the mean (held-out R^2 > 0.9)', () => {
    // Arrange
    const training = syntheticRows(3000, 5, 1, stepAndSine);
    const heldOut = syntheticRows(1000, 5, 2, stepAndSine);

    // Act
    const model = fitGradientBoosting(training.x, 5, training.y, { loss: 'squared-error', seed: 7 });
    const predicted = predictGradientBoosting(model, heldOut.x, 5);

    // Assert
    expect(model.iterations).toBe(100);
    expect(rSquared(heldOut.y, predicted)).toBeGreaterThan(0.9);
  });

  it('separates XOR, which no linear score can (held-out AUC > 0.9)', () => {
    // Arrange
    const training = syntheticRows(3000, 4, 3, xor);
    const heldOut = syntheticRows(1000, 4, 4, xor);
    const labels = Array.from(heldOut.y);

    // Act
    const model = fitGradientBoosting(training.x, 4, training.y, { loss: 'log-loss', seed: 7 });
    const probability = predictGradientBoosting(model, heldOut.x, 4);

    // Assert
    const linearScore = Array.from({ length: 1000 }, (_, row) => heldOut.x[row * 4]! + heldOut.x[row * 4 + 1]!);
    expect(rocAuc(Array.from(probability), labels)).toBeGreaterThan(0.9);
    expect(Math.abs(rocAuc(linearScore, labels) - 0.5)).toBeLessThan(0.1);
  });

  it('gives the same model and predictions for the same data and seed', () => {
    // Arrange
    const { x, y } = syntheticRows(12_000, 3, 5, stepAndSine);

    // Act
    const first = fitGradientBoosting(x, 3, y, { loss: 'squared-error', seed: 11, maxIter: 20 });
    const second = fitGradientBoosting(x, 3, y, { loss: 'squared-error', seed: 11, maxIter: 20 });

    // Assert
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(predictGradientBoosting(second, x, 3)).toEqual(predictGradientBoosting(first, x, 3));
  });

  it('survives a JSON round trip unchanged', () => {
    // Arrange
    const { x, y } = syntheticRows(500, 3, 6, xor);
    const model = fitGradientBoosting(x, 3, y, { loss: 'log-loss', seed: 1, maxIter: 10 });

    // Act
    const restored = JSON.parse(JSON.stringify(model)) as typeof model;

    // Assert
    expect(predictGradientBoosting(restored, x, 3)).toEqual(predictGradientBoosting(model, x, 3));
  });

  it('stops early on pure noise when there are more than 10,000 rows', () => {
    // Arrange
    const { x, y } = syntheticRows(12_000, 3, 8, (_, random) => (random() < 0.3 ? 1 : 0));

    // Act
    const model = fitGradientBoosting(x, 3, y, { loss: 'log-loss', seed: 3 });

    // Assert
    expect(model.iterations).toBeLessThan(100);
    expect(model.validationLoss).toHaveLength(model.iterations + 1);
  });

  it('does not stop early at 10,000 rows or fewer', () => {
    // Arrange
    const { x, y } = syntheticRows(2000, 3, 9, (_, random) => random());

    // Act
    const model = fitGradientBoosting(x, 3, y, { loss: 'squared-error', seed: 3, maxIter: 30 });

    // Assert
    expect(model.iterations).toBe(30);
    expect(model.validationLoss).toEqual([]);
  });

  it('honours maxLeafNodes and minSamplesLeaf in every tree', () => {
    // Arrange
    const { x, y } = syntheticRows(2000, 4, 10, stepAndSine);

    // Act
    const model = fitGradientBoosting(x, 4, y, { loss: 'squared-error', seed: 1, maxIter: 5, maxLeafNodes: 7, minSamplesLeaf: 50 });

    // Assert
    for (const tree of model.trees) {
      const rowsPerLeaf = new Map<number, number>();
      for (let row = 0; row < 2000; row += 1) {
        let node = 0;
        while (tree.feature[node]! >= 0) {
          node = x[row * 4 + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
        }
        rowsPerLeaf.set(node, (rowsPerLeaf.get(node) ?? 0) + 1);
      }
      expect(rowsPerLeaf.size).toBe(7);
      expect(Math.min(...rowsPerLeaf.values())).toBeGreaterThanOrEqual(50);
    }
  });

  it('splits at the midpoint between distinct values and steps a learning rate of the way to each side', () => {
    // Arrange
    const x = Float32Array.from({ length: 40 }, (_, i) => i);
    const y = Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 10));

    // Act
    const model = fitGradientBoosting(x, 1, y, { loss: 'squared-error', seed: 1, maxIter: 1 });

    // Assert
    expect(model.baseline).toBe(5);
    expect(model.trees[0]).toEqual({ feature: [0, -1, -1], threshold: [19.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, -0.5, 0.5] });
    expect(predictGradientBoosting(model, Float32Array.of(19.5, 19.6), 1)).toEqual(Float64Array.of(4.5, 5.5));
  });

  it('leaves a model of the mean when there are too few rows to split', () => {
    // Arrange
    const x = Float32Array.from({ length: 30 }, (_, i) => i);
    const y = Array.from({ length: 30 }, (_, i) => i);

    // Act
    const model = fitGradientBoosting(x, 1, y, { loss: 'squared-error', seed: 1 });

    // Assert
    expect(model.baseline).toBeCloseTo(14.5, 12);
    expect(predictGradientBoosting(model, Float32Array.of(0, 100), 1)).toEqual(Float64Array.of(14.5, 14.5));
  });
});

/** The fit's own walk of the stored trees (addTreeOutput, one tree at a time over every row), from the baseline. */
function walkTrees(model: GradientBoostingModel, x: Float32Array, width: number): Float64Array {
  const raw = new Float64Array(x.length / width).fill(model.baseline);
  for (const tree of model.trees) addTreeOutput(tree, x, width, raw);
  return raw.map(BOOSTING_LOSSES[model.loss].inverseLink);
}

const depthOf = (tree: GradientBoostingTree, node = 0): number => (tree.feature[node]! < 0 ? 0 : 1 + Math.max(depthOf(tree, tree.left[node]!), depthOf(tree, tree.right[node]!)));

describe('predictGradientBoosting', () => {
  it('gives, to the bit, what the fit\'s walk of each stored tree in turn gives, for deep unbalanced trees of both losses', () => {
    // Arrange
    const training = syntheticRows(3000, 5, 3, stepAndSine);
    const heldOut = syntheticRows(2000, 5, 4, stepAndSine);
    const labelled = syntheticRows(3000, 4, 5, xor);
    const regressor = fitGradientBoosting(training.x, 5, training.y, { loss: 'squared-error', seed: 3 });
    const classifier = fitGradientBoosting(labelled.x, 4, labelled.y, { loss: 'log-loss', seed: 5 });

    // Act
    const values = predictGradientBoosting(regressor, heldOut.x, 5);
    const probabilities = predictGradientBoosting(classifier, heldOut.x.subarray(0, 2000 * 4), 4);

    // Assert
    expect(Math.max(...regressor.trees.map((tree) => depthOf(tree)))).toBeGreaterThanOrEqual(6);
    expect(values).toEqual(walkTrees(regressor, heldOut.x, 5));
    expect(probabilities).toEqual(walkTrees(classifier, heldOut.x.subarray(0, 2000 * 4), 4));
  });

  it('follows the stored child indices whatever order the nodes are stored in', () => {
    // Arrange: the root's right child is stored before its left one, and the left one splits again.
    const tree: GradientBoostingTree = {
      feature: [0, -1, 1, -1, -1],
      threshold: [0.5, 0, 2, 0, 0],
      left: [2, -1, 3, -1, -1],
      right: [1, -1, 4, -1, -1],
      value: [0, 100, 0, 10, 20],
    };
    const model: GradientBoostingModel = { loss: 'squared-error', width: 2, baseline: 1, iterations: 2, binThresholds: [[], []], validationLoss: [], trees: [tree, tree] };
    const x = Float32Array.of(0, 1, 0, 3, 0.7, 0);

    // Act
    const predicted = predictGradientBoosting(model, x, 2);

    // Assert
    expect(predicted).toEqual(Float64Array.of(21, 41, 201));
  });
});
