import { strongest, type FittedSimilarity, type SimilarityFamily, type SimilarityTrainingSet } from '../similarity-family.js';
import { designMatrix } from './design-matrix.js';
import { fitLogistic } from './newton-logistic.js';

/** Penalty per unit of total training weight: enough to tame levels a few dozen people share, small beside the data. */
const L2_PER_WEIGHT = 1e-3;

/**
 * L2-regularised logistic regression, seed against pool, on one-hot categorical levels and
 * standardised numbers (with a missing indicator). The seed's weights are rescaled to the pool's
 * total, so both classes count alike whatever the seed's size. Each feature's weight in the
 * manifest is its coefficient times its spread among the training rows: how far it moves the log odds.
 */
export const logisticRegressionFamily: SimilarityFamily = {
  id: 'logistic-regression',
  name: 'L2-regularised logistic regression (one-hot levels, standardised numbers)',
  fit(training: SimilarityTrainingSet): FittedSimilarity {
    const design = designMatrix(training.table);
    const rows = Uint32Array.from([...training.positives, ...training.negatives]);
    const labels = new Uint8Array(rows.length).fill(1, 0, training.positives.length);
    const seedWeight = training.positiveWeights.reduce((sum, w) => sum + w, 0);
    const balance = seedWeight > 0 ? training.negatives.length / seedWeight : 1;
    const weights = new Float64Array(rows.length).fill(1);
    training.positiveWeights.forEach((w, i) => (weights[i] = w * balance));
    const totalWeight = weights.reduce((sum, w) => sum + w, 0);
    const beta = fitLogistic({ x: design.values, width: design.width, rows, labels, weights, l2: L2_PER_WEIGHT * totalWeight });
    const spreads = columnSpreads(design.values, design.width, rows);
    return {
      family: logisticRegressionFamily.id,
      score(row) {
        const offset = row * design.width;
        let z = 0;
        for (let j = 0; j < design.width; j += 1) z += (design.values[offset + j] as number) * (beta[j] as number);
        return z;
      },
      topFeatures: (limit) =>
        strongest(
          design.names.slice(1).map((feature, i) => ({ feature, weight: (beta[i + 1] as number) * (spreads[i + 1] as number) })),
          limit,
        ),
    };
  },
};

/** Standard deviation of each column over the training rows. */
function columnSpreads(values: Float64Array, width: number, rows: Uint32Array): Float64Array {
  const sums = new Float64Array(width);
  const squares = new Float64Array(width);
  for (const row of rows) {
    for (let j = 0; j < width; j += 1) {
      const value = values[row * width + j] as number;
      sums[j]! += value;
      squares[j]! += value * value;
    }
  }
  return sums.map((sum, j) => {
    const mean = sum / rows.length;
    return Math.sqrt(Math.max(0, (squares[j] as number) / rows.length - mean * mean));
  });
}
