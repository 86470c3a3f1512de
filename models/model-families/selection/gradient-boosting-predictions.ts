import { subsampleRows } from '../../ziln/subsample-rows.js';
import type { FeatureFrame } from '../../features/feature-frame.js';
import { gradientBoostingBaselineBeside } from '../../gradient-boosting/index.js';
import type { CustomerPredictions } from '../customer-predictions.js';

/**
 * Training rows for the baseline at most. scikit-learn's defaults on 100,000 rows are within noise
 * of a fit on millions, and the baseline should not dominate the cost of a nightly training run.
 */
export const MAX_GRADIENT_BOOSTING_ROWS = 100_000;

/**
 * The gradient-boosting baseline on the same features and labels as the networks, minus the BTYD
 * columns (a data scientist's features, not ours), predicting the evaluation customers. Fitted on
 * another core (gradientBoostingBaselineBeside): start it, go on with the networks, await it.
 */
export async function gradientBoostingPredictions(training: FeatureFrame, spend: Float32Array, evaluation: FeatureFrame, seed: number): Promise<CustomerPredictions> {
  const width = training.featureNames.length;
  const rows = subsampleRows(training.values, spend, width, MAX_GRADIENT_BOOSTING_ROWS, seed);
  const predicted = await gradientBoostingBaselineBeside({ training: { values: rows.values, width, spend: rows.spend }, evaluation: { values: evaluation.values, width: evaluation.featureNames.length }, seed });
  return { customerIds: evaluation.customerIds, ...predicted };
}
