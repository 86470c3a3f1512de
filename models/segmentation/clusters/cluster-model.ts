import type { ScoreColumns } from '../score-columns.js';
import type { ClusterFeatureName } from './cluster-feature-names.js';
import { featureCode, transformedFeature } from './cluster-features.js';

/** A feature that most sets a cluster apart: its standardised mean difference from the whole population. */
export interface DistinguishingFeature {
  feature: ClusterFeatureName;
  direction: 'higher' | 'lower';
  /** (cluster mean - population mean) / population standard deviation, on the clustering scale (log for money and counts). */
  zScore: number;
}

/** What a cluster's members look like, over the whole scored population of the run. */
export interface ClusterProfile {
  size: number;
  /** Of the scored customers. */
  share: number;
  /** Of the population's historic revenue (historicClv, net of returns). */
  revenueShare: number;
  meanPredictedValue: number;
  meanChurnProbability: number;
  /** Medians of the raw features (days, purchase days, money, probability). */
  typical: Record<ClusterFeatureName, number>;
  /** Standardised mean difference of every feature from the population. */
  zScores: Record<ClusterFeatureName, number>;
  /** The three largest |zScore|, largest first. */
  distinguishingFeatures: DistinguishingFeature[];
}

export interface FittedCluster {
  /** `cluster:<id>`; kept across runs by matching to the previous run's centroids. */
  id: number;
  /** In the standardised space of this model's `features`. */
  centroid: number[];
  name: string;
  description: string;
  profile: ClusterProfile;
}

/** The k-means fit of one run, stored in its population statistics (`fitted.cluster`): every shard assigns with it. */
export interface ClusterModel {
  features: ClusterFeatureName[];
  /** Mean and standard deviation of each transformed feature over the sample: x' = (t(x) - center) / scale. */
  center: number[];
  scale: number[];
  /** Ordered by id. */
  clusters: FittedCluster[];
  population: { customers: number; revenue: number; meanPredictedValue: number; meanChurnProbability: number };
  choice: {
    criterion: 'silhouette';
    seed: number;
    /** Customers k-means ran on, and the subsample the silhouette was computed on. */
    sampleSize: number;
    silhouetteSampleSize: number;
    minClusters: number;
    maxClusters: number;
    /** Mean silhouette per k tried; the highest wins, the smaller k on a tie. */
    silhouettes: { k: number; silhouette: number }[];
    k: number;
  };
  /** How ids were kept: matched to the previous published run's clusters, or numbered by size (first run, other features). */
  ids: { matchedToRun: string | null; matched: number; new: number; retired: number[] };
}

/** What assigning customers needs: the features, their standardisation, the centroids. */
export interface CentroidSpace {
  features: readonly ClusterFeatureName[];
  center: readonly number[];
  scale: readonly number[];
  clusters: readonly { centroid: readonly number[] }[];
}

/**
 * Per customer, the index (into model.clusters) of the nearest centroid, into `out`. A tight loop
 * over typed columns with one scratch vector: no allocation per customer.
 */
export function nearestClusters(model: CentroidSpace, columns: ScoreColumns, out: Int16Array | Int32Array): void {
  const d = model.features.length;
  const k = model.clusters.length;
  const codes = Int32Array.from(model.features, featureCode);
  const center = Float64Array.from(model.center);
  const scale = Float64Array.from(model.scale);
  const centroids = new Float64Array(k * d);
  model.clusters.forEach((cluster, c) => centroids.set(cluster.centroid, c * d));
  const point = new Float64Array(d);
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < d; j++) point[j] = (transformedFeature(columns, codes[j] as number, i) - (center[j] as number)) / (scale[j] as number);
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const diff = (point[j] as number) - (centroids[c * d + j] as number);
        sum += diff * diff;
      }
      if (sum < bestDistance) {
        bestDistance = sum;
        best = c;
      }
    }
    out[i] = best;
  }
}
