export type GradientBoostingLoss = 'log-loss' | 'squared-error';

/**
 * One regression tree as flat arrays indexed by node; node 0 is the root. A leaf has feature -1
 * and its value (learning rate already applied); a split sends rows with
 * x[feature] <= threshold to `left`, the others to `right`.
 */
export interface GradientBoostingTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** A fitted ensemble; plain data, so it survives JSON.stringify / JSON.parse unchanged. */
export interface GradientBoostingModel {
  loss: GradientBoostingLoss;
  width: number;
  /** Raw prediction before any tree: the mean for squared error, the log-odds of the mean for log-loss. */
  baseline: number;
  /** Boosting iterations run (fewer than maxIter when early stopping ended the fit). */
  iterations: number;
  /** Per feature, the ascending bin upper thresholds fitted on the training rows. */
  binThresholds: number[][];
  /** Validation loss before the first tree and after each one; empty without early stopping. */
  validationLoss: number[];
  trees: GradientBoostingTree[];
}
