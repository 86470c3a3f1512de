import { SegmentRuleError } from '../errors.js';
import { MAX_CLUSTERS, MIN_CLUSTERS, type SegmentationSettings } from '../settings/index.js';
import { CLUSTER_FEATURE_NAMES } from './cluster-feature-names.js';

/**
 * The bounds and features of `segments.clustering`, for settings that did not come through the
 * schema (code, tests, a stored population): a cluster count outside [2, 20] or minClusters above
 * maxClusters, an unknown or repeated feature, fewer than two features.
 */
export function checkClusteringSettings(clustering: SegmentationSettings['clustering']): void {
  const { minClusters, maxClusters, features, sampleSize } = clustering;
  for (const [name, value] of [['minClusters', minClusters], ['maxClusters', maxClusters]] as const) {
    if (!Number.isInteger(value) || value < MIN_CLUSTERS || value > MAX_CLUSTERS) {
      throw new SegmentRuleError(['clustering', name], `cluster count out of bounds: ${name} must be a whole number from ${MIN_CLUSTERS} to ${MAX_CLUSTERS}, got ${value}`);
    }
  }
  if (minClusters > maxClusters) throw new SegmentRuleError(['clustering', 'maxClusters'], `cluster count out of bounds: minClusters (${minClusters}) is above maxClusters (${maxClusters})`);
  if (sampleSize < maxClusters) throw new SegmentRuleError(['clustering', 'sampleSize'], `a sample of ${sampleSize} cannot make ${maxClusters} clusters`);
  if (features.length < 2) throw new SegmentRuleError(['clustering', 'features'], 'clusters need at least two features');
  features.forEach((feature, index) => {
    if (!(CLUSTER_FEATURE_NAMES as readonly string[]).includes(feature)) {
      throw new SegmentRuleError(['clustering', 'features', index], `unknown cluster feature ${feature} (features: ${CLUSTER_FEATURE_NAMES.join(', ')})`);
    }
    if (features.indexOf(feature) !== index) throw new SegmentRuleError(['clustering', 'features', index], `${feature} is listed twice`);
  });
}
