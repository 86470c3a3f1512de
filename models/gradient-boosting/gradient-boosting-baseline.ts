import { fitGradientBoosting } from './fit-gradient-boosting.js';
import { GradientBoostingInputError } from './gradient-boosting-input-error.js';
import { predictGradientBoosting } from './predict-gradient-boosting.js';

/** Rows x width, row-major, with each row's spend in the horizon (0: churned). */
export interface BaselineTrainingRows {
  values: Float32Array;
  width: number;
  spend: ArrayLike<number>;
}

export interface BaselineEvaluationRows {
  values: Float32Array;
  width: number;
}

export interface BaselinePredictions {
  churnProbability: Float64Array;
  predictedValue: Float64Array;
}

/**
 * The gradient-boosting baseline a data scientist would build, with scikit-learn's defaults: a
 * classifier of churn (no spend in the horizon) and a squared-error regressor of spend, clipped at
 * 0, fitted on the training rows and predicting the evaluation rows in order. Throws
 * GradientBoostingInputError when the training rows are all churners or all buyers.
 */
export function gradientBoostingBaseline(training: BaselineTrainingRows, evaluation: BaselineEvaluationRows, seed: number): BaselinePredictions {
  if (evaluation.width !== training.width) {
    throw new GradientBoostingInputError('gradientBoostingBaseline: evaluation and training widths differ', {
      cause: { training: training.width, evaluation: evaluation.width },
    });
  }
  const churned = Float64Array.from(training.spend, (spend) => (spend === 0 ? 1 : 0));
  const classifier = fitGradientBoosting(training.values, training.width, churned, { loss: 'log-loss', seed });
  const regressor = fitGradientBoosting(training.values, training.width, training.spend, { loss: 'squared-error', seed });
  return {
    churnProbability: predictGradientBoosting(classifier, evaluation.values, evaluation.width),
    predictedValue: predictGradientBoosting(regressor, evaluation.values, evaluation.width).map((value) => Math.max(0, value)),
  };
}
