/** Points are row-major: point i is points[i*d .. i*d+d). Centroids likewise, k rows. */
export interface KMeansFit {
  centroids: Float64Array;
  labels: Int32Array;
  /** Sum of squared distances to the assigned centroids. */
  inertia: number;
}

export function squaredDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = (a[ai + j] as number) - (b[bi + j] as number);
    sum += diff * diff;
  }
  return sum;
}

/** Index of the centroid nearest to point `offset` of `points` (ties: the lower index). */
export function nearestCentroid(points: Float64Array, offset: number, centroids: Float64Array, k: number, d: number): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    const distance = squaredDistance(points, offset, centroids, c * d, d);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = c;
    }
  }
  return best;
}

/** k-means++ seeding: each next centre drawn with probability proportional to its squared distance to the nearest chosen one. */
function seedCentroids(points: Float64Array, n: number, d: number, k: number, random: () => number): Float64Array {
  const centroids = new Float64Array(k * d);
  const first = Math.min(n - 1, Math.floor(random() * n));
  centroids.set(points.subarray(first * d, first * d + d), 0);
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const distance = squaredDistance(points, i * d, centroids, (c - 1) * d, d);
      if (distance < (nearest[i] as number)) nearest[i] = distance;
      total += nearest[i] as number;
    }
    let chosen = n - 1;
    if (total > 0) {
      let target = random() * total;
      for (let i = 0; i < n; i++) {
        target -= nearest[i] as number;
        if (target < 0) {
          chosen = i;
          break;
        }
      }
    }
    centroids.set(points.subarray(chosen * d, chosen * d + d), c * d);
  }
  return centroids;
}

/**
 * Lloyd's k-means from a k-means++ start, until no point changes cluster (or maxIterations).
 * A cluster left empty takes the point farthest from its centroid, so k clusters come back
 * whenever there are k distinct points.
 */
export function kMeans(points: Float64Array, n: number, d: number, k: number, random: () => number, maxIterations = 100): KMeansFit {
  const centroids = seedCentroids(points, n, d, k, random);
  const labels = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const c = nearestCentroid(points, i * d, centroids, k, d);
      if (labels[i] !== c) {
        labels[i] = c;
        changed++;
      }
    }
    if (changed === 0) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < d; j++) sums[c * d + j] = (sums[c * d + j] as number) + (points[i * d + j] as number);
    }
    for (let c = 0; c < k; c++) {
      if ((counts[c] as number) > 0) {
        for (let j = 0; j < d; j++) centroids[c * d + j] = (sums[c * d + j] as number) / (counts[c] as number);
        continue;
      }
      const far = farthestPoint(points, n, d, centroids, labels);
      centroids.set(points.subarray(far * d, far * d + d), c * d);
      labels[far] = c;
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(points, i * d, centroids, (labels[i] as number) * d, d);
  return { centroids, labels, inertia };
}

function farthestPoint(points: Float64Array, n: number, d: number, centroids: Float64Array, labels: Int32Array): number {
  let far = 0;
  let farDistance = -1;
  for (let i = 0; i < n; i++) {
    const distance = squaredDistance(points, i * d, centroids, (labels[i] as number) * d, d);
    if (distance > farDistance) {
      farDistance = distance;
      far = i;
    }
  }
  return far;
}
