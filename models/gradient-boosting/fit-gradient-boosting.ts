import { copyRows } from '../features/feature-frame.js';
import { addTreeOutput } from './add-tree-output.js';
import { binColumns, fitBinThresholds } from './bin-thresholds.js';
import { BOOSTING_LOSSES } from './boosting-loss.js';
import { createWorkspace } from './boosting-workspace.js';
import type { GradientBoostingModel, GradientBoostingTree } from './gradient-boosting-model.js';
import { resolveOptions, type GradientBoostingOptions } from './gradient-boosting-options.js';
import { growTree } from './grow-tree.js';
import { shouldStopEarly } from './should-stop-early.js';
import { validateTrainingInput } from './validate-input.js';
import { validationSplit } from './validation-split.js';

/** scikit-learn's early_stopping='auto' turns it on above this many rows. */
const EARLY_STOPPING_AUTO_ROWS = 10_000;

/**
 * Fits a histogram gradient-boosted tree ensemble as scikit-learn's HistGradientBoostingClassifier
 * (loss 'log-loss', labels 0/1) or HistGradientBoostingRegressor (loss 'squared-error').
 * `x` is rows x width, row-major. Same inputs and seed, same model bit for bit.
 */
export function fitGradientBoosting(
  x: Float32Array,
  width: number,
  y: ArrayLike<number>,
  options: GradientBoostingOptions,
): GradientBoostingModel {
  const settings = resolveOptions(options);
  const target = validateTrainingInput(x, width, y, settings.loss);
  const loss = BOOSTING_LOSSES[settings.loss];
  const early =
    settings.earlyStopping === 'auto' ? target.length > EARLY_STOPPING_AUTO_ROWS : settings.earlyStopping;
  const split = early
    ? validationSplit(target, settings.validationFraction, settings.loss === 'log-loss', settings.seed)
    : null;
  const pick = (rows: Uint32Array) => Float64Array.from(rows, (row) => target[row]!);
  const trainX = split ? copyRows(x, width, split.train) : x;
  const trainY = split ? pick(split.train) : target;
  const validationX = split ? copyRows(x, width, split.validation) : new Float32Array(0);
  const validationY = split ? pick(split.validation) : new Float64Array(0);

  const binThresholds = fitBinThresholds(trainX, width, settings.maxBins, settings.seed + 1);
  const workspace = createWorkspace(binColumns(trainX, width, binThresholds), width, binThresholds, settings.maxBins);
  const baseline = loss.baseline(trainY);
  const raw = new Float64Array(trainY.length).fill(baseline);
  const validationRaw = new Float64Array(validationY.length).fill(baseline);
  const validationLoss = split ? [loss.meanLoss(validationY, validationRaw)] : [];
  const trees: GradientBoostingTree[] = [];
  for (let iteration = 0; iteration < settings.maxIter; iteration += 1) {
    loss.gradients(trainY, raw, workspace.gradients, workspace.hessians);
    const tree = growTree(workspace, binThresholds, settings, raw);
    trees.push(tree);
    if (split) {
      addTreeOutput(tree, validationX, width, validationRaw);
      validationLoss.push(loss.meanLoss(validationY, validationRaw));
      if (shouldStopEarly(validationLoss, settings.nIterNoChange, settings.tol)) break;
    }
  }
  return { loss: settings.loss, width, baseline, iterations: trees.length, binThresholds, validationLoss, trees };
}
