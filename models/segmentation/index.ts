export { assignSegments } from './assign-segments.js';
export { computePopulationStats } from './population-stats.js';
export type { PopulationStats } from './population-stats.js';
export type { SegmentAssignment, SegmentAssignmentOptions } from './assign-segments.js';
export {
  CHURN_RISK_IDS,
  DEFAULT_CHURN_RISK_THRESHOLDS,
  churnRiskDefinitions,
  resolveChurnRiskThresholds,
} from './churn-risk-bands.js';
export type { ChurnRiskId, ChurnRiskThresholds } from './churn-risk-bands.js';
export { CLV_TIERS, clvTierCutoffs } from './clv-tiers.js';
export type { ClvTier } from './clv-tiers.js';
export { HIGH_VALUE_AT_RISK, PREDICTIVE_SEGMENT_RULES } from './predictive-segment-rules.js';
export type { CustomerSegmentFacts, PredictiveSegmentRule } from './predictive-segment-rules.js';
export { combinedFrequencyMonetaryScore } from './rfm-scores.js';
export { RFM_SEGMENT_RULES, firstMatchingRfmRule, matchesRfmRule } from './rfm-segment-rules.js';
export type { RfmCell, RfmSegmentRule, ScoreRange } from './rfm-segment-rules.js';
export type { SegmentDefinition, SegmentFamily } from './segment-definition.js';
export { SegmentationInputError } from './segmentation-input-error.js';
export { segmentationScoreOf, type SegmentationScore } from './segmentation-score.js';
