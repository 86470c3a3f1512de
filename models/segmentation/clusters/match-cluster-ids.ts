import type { ClusterModel } from './cluster-model.js';
import { minimumCostAssignment } from './hungarian.js';

export interface PreviousClusters {
  runId: string | null;
  model: Pick<ClusterModel, 'features' | 'center' | 'scale' | 'clusters'>;
}

/**
 * Ids for newly fitted clusters: each is matched to a previous run's cluster (least total squared
 * distance between centroids, the Hungarian method, whatever the two k) and keeps its id; an
 * unmatched cluster takes the smallest id neither this run nor the previous one used. The previous centroids are
 * carried into this model's standardised space first (its own centre and scale undone, ours
 * applied). Without previous clusters on the same features, ids are 1..k by size, largest first.
 */
export function clusterIds(
  centroids: Float64Array,
  sizes: readonly number[],
  space: { features: readonly string[]; center: readonly number[]; scale: readonly number[] },
  previous: PreviousClusters | null,
): { ids: number[]; matching: ClusterModel['ids'] } {
  const k = sizes.length;
  const d = space.features.length;
  const bySize = [...sizes.keys()].sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  const comparable = previous !== null && previous.model.clusters.length > 0 && sameFeatures(previous.model.features, space.features);
  if (!comparable) {
    const ids = new Array<number>(k);
    bySize.forEach((c, rank) => (ids[c] = rank + 1));
    return { ids, matching: { matchedToRun: null, matched: 0, new: k, retired: previous?.model.clusters.map((c) => c.id) ?? [] } };
  }
  const old = previous.model;
  const oldCentroids = old.clusters.map((cluster) =>
    cluster.centroid.map((x, j) => (x * (old.scale[j] as number) + (old.center[j] as number) - (space.center[j] as number)) / (space.scale[j] as number)),
  );
  const size = Math.max(k, oldCentroids.length);
  const cost = Array.from({ length: size }, (_, c) =>
    Array.from({ length: size }, (_, o) => {
      const target = oldCentroids[o];
      if (c >= k || !target) return 0;
      let sum = 0;
      for (let j = 0; j < d; j++) sum += ((centroids[c * d + j] as number) - (target[j] as number)) ** 2;
      return sum;
    }),
  );
  const assignment = minimumCostAssignment(cost);
  const ids = new Array<number>(k).fill(0);
  const used = new Set<number>();
  const matched = new Set<number>();
  for (let c = 0; c < k; c++) {
    const o = assignment[c] as number;
    const match = o < old.clusters.length ? old.clusters[o] : undefined;
    if (match) {
      ids[c] = match.id;
      used.add(match.id);
      matched.add(match.id);
    }
  }
  const oldIds = new Set(old.clusters.map((cluster) => cluster.id));
  let fresh = 0;
  for (const c of bySize) {
    if (ids[c] !== 0) continue;
    let id = 1;
    while (used.has(id) || oldIds.has(id)) id++;
    ids[c] = id;
    used.add(id);
    fresh++;
  }
  // Old ids matched to no new cluster: their group is gone, and the number is not handed to another group this run.
  const retired = old.clusters.map((cluster) => cluster.id).filter((id) => !matched.has(id));
  return { ids, matching: { matchedToRun: previous.runId, matched: k - fresh, new: fresh, retired } };
}

const sameFeatures = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((f, i) => f === b[i]);
