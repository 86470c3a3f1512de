/** Per bin: sum of gradients, sum of hessians, row count. */
export const HISTOGRAM_FIELDS = 3;

/** Buffers shared by every tree of one fit, so growing a tree allocates nothing per row. */
export interface BoostingWorkspace {
  rows: number;
  width: number;
  /** Column-major bins: feature f of row r at f * rows + r. */
  bins: Uint8Array;
  /** Bins per feature (thresholds + 1). */
  binCounts: Int32Array;
  /** Histogram slots per feature (maxBins). */
  binStride: number;
  gradients: Float64Array;
  hessians: Float64Array;
  /** Row indices, partitioned so every node owns a contiguous range. */
  rowOrder: Uint32Array;
  scratch: Uint32Array;
  orderedGradients: Float64Array;
  orderedHessians: Float64Array;
  freeHistograms: Float64Array[];
}

export function createWorkspace(
  bins: Uint8Array,
  width: number,
  thresholds: readonly number[][],
  maxBins: number,
): BoostingWorkspace {
  const rows = bins.length / width;
  return {
    rows,
    width,
    bins,
    binCounts: Int32Array.from(thresholds, (edges) => edges.length + 1),
    binStride: maxBins,
    gradients: new Float64Array(rows),
    hessians: new Float64Array(rows),
    rowOrder: new Uint32Array(rows),
    scratch: new Uint32Array(rows),
    orderedGradients: new Float64Array(rows),
    orderedHessians: new Float64Array(rows),
    freeHistograms: [],
  };
}
