export { CLUSTER_FEATURE_NAMES, DEFAULT_CLUSTER_FEATURES, type ClusterFeatureName } from './cluster-feature-names.js';
export { CLUSTER_FAMILY, CLUSTER_FAMILY_ID, clusterDefinitions, clusterPersonasOf, type ClusterPersona } from './cluster-family.js';
export { nearestClusters, type CentroidSpace, type ClusterModel, type ClusterProfile, type DistinguishingFeature, type FittedCluster } from './cluster-model.js';
export { checkClusteringSettings } from './check-clustering-settings.js';
export { fitClusters } from './fit-clusters.js';
export { minimumCostAssignment } from './hungarian.js';
export { kMeans } from './k-means.js';
export type { PreviousClusters } from './match-cluster-ids.js';
export { personaDescription, personaNameCandidates, personaNames } from './personas.js';
