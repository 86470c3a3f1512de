import { copyRows } from '../../../features/feature-frame.js';
import { fitGradientBoosting, predictGradientBoosting } from '../../../gradient-boosting/index.js';
import { designMatrix } from '../logistic-regression/design-matrix.js';
import { strongest, type FittedSimilarity, type SimilarityFamily, type SimilarityTrainingSet } from '../similarity-family.js';
import { scoreEffects } from './score-effects.js';

/** Shallow trees and few of them: a few thousand seed members cannot support more without learning their noise. */
const BOOSTING = { learningRate: 0.05, maxIter: 150, maxLeafNodes: 8, minSamplesLeaf: 40, l2Regularization: 1 } as const;
/** Seed rows are repeated up to this many times to carry value weights (the booster takes no sample weights). */
const MAX_REPEATS = 5;

/**
 * Gradient-boosted trees (models/gradient-boosting, scikit-learn's HistGradientBoostingClassifier),
 * seed against pool, on the same inputs as the logistic regression: they find interactions and
 * thresholds a linear score cannot. Value weights are carried by repeating seed rows (rounded
 * weight, at most 5 times). Trees have no coefficients, so the manifest's weights are each
 * feature's effect on the score: its covariance with the score over the training rows, per
 * standard deviation of the feature.
 */
export const gradientBoostingFamily: SimilarityFamily = {
  id: 'gradient-boosting',
  name: 'Gradient-boosted trees (histogram boosting, log-loss)',
  fit(training: SimilarityTrainingSet): FittedSimilarity {
    const design = designMatrix(training.table);
    const x = Float32Array.from(design.values);
    const repeated: number[] = [];
    training.positives.forEach((row, i) => {
      const repeats = Math.max(1, Math.min(MAX_REPEATS, Math.round(training.positiveWeights[i] as number)));
      for (let r = 0; r < repeats; r += 1) repeated.push(row);
    });
    const rows = Uint32Array.from([...repeated, ...training.negatives]);
    const labels = new Float64Array(rows.length).fill(1, 0, repeated.length);
    const model = fitGradientBoosting(copyRows(x, design.width, rows), design.width, labels, { loss: 'log-loss', seed: training.seed, ...BOOSTING });
    const scores = predictGradientBoosting(model, x, design.width);
    const trainingRows = Uint32Array.from([...training.positives, ...training.negatives]);
    return {
      family: gradientBoostingFamily.id,
      score: (row) => scores[row] as number,
      topFeatures: (limit) => strongest(scoreEffects(design, scores, trainingRows), limit),
    };
  },
};
