export { fitGradientBoosting } from './fit-gradient-boosting.js';
export { gradientBoostingBaseline } from './gradient-boosting-baseline.js';
export { GradientBoostingInputError } from './gradient-boosting-input-error.js';
export type { GradientBoostingLoss, GradientBoostingModel, GradientBoostingTree } from './gradient-boosting-model.js';
export { GRADIENT_BOOSTING_DEFAULTS, type GradientBoostingOptions } from './gradient-boosting-options.js';
export { predictGradientBoosting } from './predict-gradient-boosting.js';
export { gradientBoostingBaselineBeside } from './baseline-thread.js';
export type { BaselineEvaluationRows, BaselinePredictions, BaselineTrainingRows } from './gradient-boosting-baseline.js';
