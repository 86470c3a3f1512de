/** The features a customer can be clustered on; each is read from the score columns (see cluster-features.ts). */
export const CLUSTER_FEATURE_NAMES = ['recencyDays', 'frequency', 'monetary', 'averageOrderValue', 'tenureDays', 'predictedClv', 'churnProbability'] as const;

export type ClusterFeatureName = (typeof CLUSTER_FEATURE_NAMES)[number];

/** What clusters are fitted on unless `segments.clustering.features` says otherwise (monetary is frequency x order value, so left out). */
export const DEFAULT_CLUSTER_FEATURES: readonly ClusterFeatureName[] = ['recencyDays', 'frequency', 'averageOrderValue', 'tenureDays', 'predictedClv', 'churnProbability'];
