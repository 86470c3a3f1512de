export {
  DEFAULT_CHURN_BANDS,
  DEFAULT_SEGMENTATION_SETTINGS,
  MAX_CLUSTERS,
  MIN_CLUSTERS,
  SegmentationSettingsSchema,
  segmentationSettings,
} from './segmentation-settings.js';
export type { CustomSegmentSettings, FieldDeclarationSettings, SegmentationSettings, Threshold } from './segmentation-settings.js';
export { PERCENTILE_PATTERN, percentileKey, percentileOf, type ThresholdSpec } from './threshold.js';
export { withProfile } from './profile-settings.js';
export type { DeclaredProfileColumn, ProfileColumnType, SegmentationProfile } from './profile-settings.js';
