import { mulberry32 } from '../../random/mulberry32.js';
import type { ScoreColumns } from '../score-columns.js';
import type { SegmentationScore } from '../segmentation-score.js';
import type { SegmentationSettings } from '../settings/index.js';
import { checkClusteringSettings } from './check-clustering-settings.js';
import { featureCode, transformedFeature } from './cluster-features.js';
import { nearestClusters, type ClusterModel, type FittedCluster } from './cluster-model.js';
import { clusterProfiles } from './cluster-profile.js';
import { kMeans, type KMeansFit } from './k-means.js';
import { clusterIds, type PreviousClusters } from './match-cluster-ids.js';
import { personaDescription, personaNames } from './personas.js';
import { silhouetteScorer } from './silhouette.js';
import { SegmentRuleError } from '../errors.js';

type Clustering = SegmentationSettings['clustering'];

/** k-means restarts per k (the fit with the least inertia is kept) and points the silhouette is computed on. */
const RESTARTS = 3;
const SILHOUETTE_POINTS = 2_000;

/**
 * Fits the run's clusters: k-means (k-means++ start, seeded) on the standardised features of a
 * sample, for every k in [minClusters, maxClusters], keeping the k with the highest mean
 * silhouette; then assigns every customer to the nearest centroid, profiles each cluster over the
 * whole population, keeps ids stable against the previous run's clusters and names a persona each.
 * Deterministic: the sample is the customers with the smallest seeded hashes of their ids, in that
 * order, so neither shard order nor row order changes the result.
 */
export function fitClusters(scores: readonly SegmentationScore[], columns: ScoreColumns, clustering: Clustering, previous: PreviousClusters | null = null): ClusterModel {
  checkClusteringSettings(clustering);
  const { minClusters, maxClusters, seed } = clustering;
  const features = [...clustering.features];
  const d = features.length;
  const codes = features.map(featureCode);
  const rows = sampleRows(scores, clustering.sampleSize, seed);
  const n = rows.length;
  const points = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) points[r * d + j] = transformedFeature(columns, codes[j] as number, rows[r] as number);
  const { center, scale } = standardise(points, n, d);
  const distinct = distinctPoints(points, n, d);
  if (distinct < minClusters) {
    throw new SegmentRuleError(['clustering', 'minClusters'], `cluster count out of bounds: ${distinct} distinct customer${distinct === 1 ? '' : 's'} cannot make ${minClusters} clusters`);
  }
  const silhouette = silhouetteScorer(points, d, Math.min(n, SILHOUETTE_POINTS));
  let best: { k: number; fit: KMeansFit; silhouette: number } | null = null;
  const silhouettes: { k: number; silhouette: number }[] = [];
  for (let k = minClusters; k <= Math.min(maxClusters, distinct); k++) {
    let fit: KMeansFit | null = null;
    for (let restart = 0; restart < RESTARTS; restart++) {
      const candidate = kMeans(points, n, d, k, mulberry32(seed * 7919 + k * 104_729 + restart));
      if (!fit || candidate.inertia < fit.inertia) fit = candidate;
    }
    const score = silhouette((fit as KMeansFit).labels, k);
    silhouettes.push({ k, silhouette: Number(score.toFixed(4)) });
    if (!best || score > best.silhouette + 1e-9) best = { k, fit: fit as KMeansFit, silhouette: score };
  }
  const chosen = best as { k: number; fit: KMeansFit };
  const k = chosen.k;
  const centroids = Array.from({ length: k }, (_, c) => Array.from(chosen.fit.centroids.subarray(c * d, c * d + d)));
  const space = { features, center, scale };
  const labels = new Int32Array(scores.length);
  nearestClusters({ ...space, clusters: centroids.map((centroid) => ({ centroid })) }, columns, labels);
  const { profiles, population } = clusterProfiles(columns, labels, k);
  const { ids, matching } = clusterIds(chosen.fit.centroids, profiles.map((p) => p.size), space, previous);
  const names = personaNames(profiles);
  const clusters: FittedCluster[] = centroids
    .map((centroid, c) => ({
      id: ids[c] as number,
      centroid: centroid.map((x) => Number(x.toFixed(6))),
      name: names[c] as string,
      description: personaDescription(profiles[c]!, population),
      profile: profiles[c]!,
    }))
    .sort((a, b) => a.id - b.id);
  return {
    features,
    center,
    scale,
    clusters,
    population,
    choice: { criterion: 'silhouette', seed, sampleSize: n, silhouetteSampleSize: Math.min(n, SILHOUETTE_POINTS), minClusters, maxClusters, silhouettes, k },
    ids: matching,
  };
}

/** FNV-1a of the customer id, mixed with the seed. */
function hashOf(id: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/** Indices of the `size` customers with the smallest hashes, in hash order (ties by id). */
function sampleRows(scores: readonly SegmentationScore[], size: number, seed: number): Int32Array {
  const n = scores.length;
  const hashes = new Float64Array(n);
  for (let i = 0; i < n; i++) hashes[i] = hashOf((scores[i] as SegmentationScore).customerId, seed);
  const idOf = (i: number): string => (scores[i] as SegmentationScore).customerId;
  // One native sort of the hashes finds the cut; only the sample itself is sorted by (hash, id).
  const cut = n <= size ? Number.POSITIVE_INFINITY : (hashes.slice().sort()[size - 1] as number);
  const chosen: number[] = [];
  for (let i = 0; i < n; i++) if ((hashes[i] as number) <= cut) chosen.push(i);
  chosen.sort((a, b) => (hashes[a] as number) - (hashes[b] as number) || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
  return Int32Array.from(chosen.slice(0, Math.min(n, size)));
}

/** Standardises the points in place; a constant feature gets scale 1 (it then adds nothing to distances). */
function standardise(points: Float64Array, n: number, d: number): { center: number[]; scale: number[] } {
  const center: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let squares = 0;
    for (let r = 0; r < n; r++) {
      const x = points[r * d + j] as number;
      sum += x;
      squares += x * x;
    }
    const mean = sum / Math.max(1, n);
    const sd = Math.sqrt(Math.max(0, squares / Math.max(1, n) - mean * mean));
    center.push(mean);
    scale.push(sd > 1e-12 ? sd : 1);
    for (let r = 0; r < n; r++) points[r * d + j] = ((points[r * d + j] as number) - mean) / (scale[j] as number);
  }
  return { center, scale };
}

/** Distinct points, counted up to `limit` (that many is all the caller needs to know). */
function distinctPoints(points: Float64Array, n: number, d: number, limit = 64): number {
  const seen = new Set<string>();
  for (let r = 0; r < n && seen.size < limit; r++) seen.add(Array.from(points.subarray(r * d, r * d + d)).join(','));
  return seen.size;
}
