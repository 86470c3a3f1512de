/**
 * Mean silhouette of labelled points, scored on the first m points (callers pass points in a
 * random order, so they are a random subsample): pairwise distances are computed once and reused
 * for every k tried, O(m²) each.
 */
export function silhouetteScorer(points: Float64Array, d: number, m: number): (labels: Int32Array, k: number) => number {
  const distances = new Float32Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const diff = (points[a * d + j] as number) - (points[b * d + j] as number);
        sum += diff * diff;
      }
      const distance = Math.sqrt(sum);
      distances[a * m + b] = distance;
      distances[b * m + a] = distance;
    }
  }
  return (labels, k) => {
    const sizes = new Float64Array(k);
    for (let i = 0; i < m; i++) sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
    const toCluster = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < m; i++) {
      const own = labels[i] as number;
      if ((sizes[own] as number) <= 1) continue; // a singleton's silhouette is 0
      toCluster.fill(0);
      for (let j = 0; j < m; j++) toCluster[labels[j] as number] = (toCluster[labels[j] as number] as number) + (distances[i * m + j] as number);
      const a = (toCluster[own] as number) / ((sizes[own] as number) - 1);
      let b = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) if (c !== own && (sizes[c] as number) > 0) b = Math.min(b, (toCluster[c] as number) / (sizes[c] as number));
      const spread = Math.max(a, b);
      if (Number.isFinite(b) && spread > 0) total += (b - a) / spread;
    }
    return m === 0 ? 0 : total / m;
  };
}
