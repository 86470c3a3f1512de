export { assignSegments, segmentDefinitions } from './assign-segments.js';
export type { SegmentAssignment, SegmentAssignmentOptions } from './assign-segments.js';
export { computePopulationStats } from './population/population-stats.js';
export type { PopulationStats, PopulationStatsOptions } from './population/population-stats.js';
export { planSegmentation, profileColumnsRead, segmentationSettingsIssues } from './segmentation-plan.js';
export type { SegmentationPlan } from './segmentation-plan.js';
export { checkRequiredSegments } from './required-segments.js';
export {
  CHURN_RISK_IDS,
  DEFAULT_CHURN_RISK_THRESHOLDS,
  checkChurnRiskThresholds,
  churnRiskDefinitions,
} from './families/churn-risk-bands.js';
export type { ChurnRiskId, ChurnRiskThresholds } from './families/churn-risk-bands.js';
export { CLV_TIERS, clvTierCutoffs, clvTiersOf } from './families/clv-tiers.js';
export type { ClvTier } from './families/clv-tiers.js';
export { HIGH_VALUE_AT_RISK } from './families/high-value-at-risk.js';
export { PROSPECT_STAGE, lifecycleDefinitions, lifecycleStageOf, prospectSegments } from './families/lifecycle-family.js';
export { predictiveGridDefinitions } from './families/predictive-grid-family.js';
export { BUILT_IN_FAMILIES, registerSegmentFamily, registeredSegmentFamilies, unregisterSegmentFamily } from './families/registry.js';
export type { FamilyFitInput, PercentileNeed, SegmentFamily, SegmentationContext } from './families/segment-family.js';
export { combinedFrequencyMonetaryScore } from './families/rfm-scores.js';
export { RFM_SEGMENT_RULES, firstMatchingRfmRule, matchesRfmRule } from './families/rfm-segment-rules.js';
export type { RfmCell, RfmSegmentRule, ScoreRange } from './families/rfm-segment-rules.js';
export { BUILT_IN_FIELDS } from './rules/segment-fields.js';
export { registerSegmentField, registeredSegmentFields } from './rules/field-registry.js';
export { BUILT_IN_PROFILE_FIELDS, declaredProfileField } from './rules/profile-fields.js';
export type { FieldColumn, FieldInput, FieldType, ProfileColumnRef, SegmentField } from './rules/segment-fields.js';
export type { SegmentDefinition, SegmentFamilyId } from './segment-definition.js';
export { SegmentRuleError, SegmentationError, SegmentationInputError } from './errors.js';
export { segmentationScoreOf, type SegmentationScore } from './segmentation-score.js';
export {
  DEFAULT_SEGMENTATION_SETTINGS,
  MAX_CLUSTERS,
  MIN_CLUSTERS,
  SegmentationSettingsSchema,
  segmentationSettings,
  withProfile,
} from './settings/index.js';
export type { CustomSegmentSettings, DeclaredProfileColumn, ProfileColumnType, SegmentationProfile, SegmentationSettings } from './settings/index.js';
export {
  CLUSTER_FAMILY_ID,
  CLUSTER_FEATURE_NAMES,
  DEFAULT_CLUSTER_FEATURES,
  checkClusteringSettings,
  clusterPersonasOf,
  fitClusters,
  minimumCostAssignment,
  nearestClusters,
  personaNameCandidates,
  personaNames,
} from './clusters/index.js';
export type { ClusterFeatureName, ClusterModel, ClusterPersona, ClusterProfile, FittedCluster } from './clusters/index.js';
