export { checkClvSettings, DEFAULT_CLV_SETTINGS, MAX_CLV_HORIZON_DAYS, type ClvSettings } from './clv-settings.js';
export type { CustomerScore } from './customer-score.js';
export { customerScores, type CustomerScoresInput, type SpendPartInput } from './customer-scores.js';
export { ScoringError, ScoringInputError, ScoringSettingsError } from './errors.js';
export { normalCdf, normalQuantile } from './normal-distribution.js';
export { discountedExpectedOrders, DISCOUNT_PERIOD_DAYS, firstDayReaching } from './orders-curve.js';
export { spendCdf, spendInterval, spendQuantile, zilnPart, type ZilnPart } from './spend-distribution.js';
