export { brierScore } from './brier-score.js';
export { calibrationByDecile, type CalibrationRow } from './calibration-by-decile.js';
export { decileMape } from './decile-mape.js';
export { MetricInputError } from './metric-input-error.js';
export { normalizedGini } from './normalized-gini.js';
export { rocAuc } from './roc-auc.js';
export { spearman } from './spearman.js';
export { totalBias } from './total-bias.js';
