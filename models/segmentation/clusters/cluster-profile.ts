import type { ScoreColumns } from '../score-columns.js';
import { CLUSTER_FEATURE_NAMES, type ClusterFeatureName } from './cluster-feature-names.js';
import { rawFeature, transformedFeature } from './cluster-features.js';
import type { ClusterModel, ClusterProfile } from './cluster-model.js';

const F = CLUSTER_FEATURE_NAMES.length;

const record = (values: ArrayLike<number>): Record<ClusterFeatureName, number> =>
  Object.fromEntries(CLUSTER_FEATURE_NAMES.map((name, f) => [name, values[f] as number])) as Record<ClusterFeatureName, number>;

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/**
 * Each cluster's profile over every customer (labels: index of each customer's cluster, 0..k-1),
 * on every clustering feature whether or not the clusters were fitted on it. Two passes over the
 * columns, then one sort per cluster and feature for the medians.
 */
export function clusterProfiles(columns: ScoreColumns, labels: Int32Array, k: number): { profiles: ClusterProfile[]; population: ClusterModel['population'] } {
  const n = labels.length;
  const sizes = new Float64Array(k);
  const revenue = new Float64Array(k);
  const predicted = new Float64Array(k);
  const churn = new Float64Array(k);
  const sums = new Float64Array(k * F);
  const totals = new Float64Array(F);
  const squares = new Float64Array(F);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    sizes[c] = (sizes[c] as number) + 1;
    revenue[c] = (revenue[c] as number) + (columns.monetary[i] as number);
    predicted[c] = (predicted[c] as number) + (columns.predictedClv[i] as number);
    churn[c] = (churn[c] as number) + (columns.churnProbability[i] as number);
    for (let f = 0; f < F; f++) {
      const t = transformedFeature(columns, f, i);
      sums[c * F + f] = (sums[c * F + f] as number) + t;
      totals[f] = (totals[f] as number) + t;
      squares[f] = (squares[f] as number) + t * t;
    }
  }
  const mean = totals.map((t) => t / Math.max(1, n));
  const sd = squares.map((s, f) => Math.sqrt(Math.max(0, s / Math.max(1, n) - (mean[f] as number) ** 2)));
  const totalRevenue = revenue.reduce((a, b) => a + b, 0);
  const medians = clusterMedians(columns, labels, sizes);
  const profiles = Array.from({ length: k }, (_, c): ClusterProfile => {
    const size = sizes[c] as number;
    const z = Array.from({ length: F }, (_, f) => ((sd[f] as number) > 1e-12 && size > 0 ? ((sums[c * F + f] as number) / size - (mean[f] as number)) / (sd[f] as number) : 0));
    const distinguishing = [...z.keys()]
      .filter((f) => (z[f] as number) !== 0)
      .sort((a, b) => Math.abs(z[b] as number) - Math.abs(z[a] as number) || a - b)
      .slice(0, 3)
      .map((f) => ({ feature: CLUSTER_FEATURE_NAMES[f] as ClusterFeatureName, direction: (z[f] as number) > 0 ? ('higher' as const) : ('lower' as const), zScore: round(z[f] as number, 3) }));
    return {
      size,
      share: round(size / Math.max(1, n)),
      revenueShare: totalRevenue > 0 ? round(Math.max(0, revenue[c] as number) / totalRevenue) : 0,
      meanPredictedValue: size > 0 ? round((predicted[c] as number) / size, 2) : 0,
      meanChurnProbability: size > 0 ? round((churn[c] as number) / size) : 0,
      typical: record((medians[c] as Float64Array).map((x) => round(x, 2))),
      zScores: record(z.map((x) => round(x, 3))),
      distinguishingFeatures: distinguishing,
    };
  });
  const sumOf = (column: Float64Array): number => column.reduce((a, b) => a + b, 0);
  return {
    profiles,
    population: {
      customers: n,
      revenue: round(totalRevenue, 2),
      meanPredictedValue: n > 0 ? round(sumOf(columns.predictedClv) / n, 2) : 0,
      meanChurnProbability: n > 0 ? round(sumOf(columns.churnProbability) / n) : 0,
    },
  };
}

/** Per cluster, the median raw value of each feature (lower median). */
function clusterMedians(columns: ScoreColumns, labels: Int32Array, sizes: Float64Array): Float64Array[] {
  const k = sizes.length;
  const starts = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) starts[c + 1] = (starts[c] as number) + (sizes[c] as number);
  const order = new Int32Array(labels.length);
  const next = starts.slice(0, k);
  for (let i = 0; i < labels.length; i++) order[next[labels[i] as number]!++] = i;
  return Array.from({ length: k }, (_, c) => {
    const from = starts[c] as number;
    const size = (starts[c + 1] as number) - from;
    const values = new Float64Array(size);
    return Float64Array.from({ length: F }, (_, f) => {
      if (size === 0) return 0;
      for (let r = 0; r < size; r++) values[r] = rawFeature(columns, f, order[from + r] as number);
      values.sort();
      return values[(size - 1) >> 1] as number;
    });
  });
}
