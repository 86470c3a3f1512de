import { addTreeOutput } from './add-tree-output.js';
import { BOOSTING_LOSSES } from './boosting-loss.js';
import { GradientBoostingInputError } from './gradient-boosting-input-error.js';
import type { GradientBoostingModel } from './gradient-boosting-model.js';
import { validateMatrix } from './validate-input.js';

/** Per row of `x` (rows x width, row-major): P(class 1) for log-loss, the predicted value for squared error. */
export function predictGradientBoosting(model: GradientBoostingModel, x: Float32Array, width: number): Float64Array {
  const rows = validateMatrix(x, width, 'predictGradientBoosting');
  if (width !== model.width) {
    throw new GradientBoostingInputError('predictGradientBoosting: width differs from the training width', {
      cause: { width, modelWidth: model.width },
    });
  }
  const raw = new Float64Array(rows).fill(model.baseline);
  for (const tree of model.trees) addTreeOutput(tree, x, width, raw);
  const { inverseLink } = BOOSTING_LOSSES[model.loss];
  return raw.map(inverseLink);
}
