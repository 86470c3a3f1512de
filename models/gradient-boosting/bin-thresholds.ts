import { mulberry32 } from '../random/mulberry32.js';
import { rowRange, shuffleInPlace } from './seeded-shuffle.js';

/** scikit-learn fits bin thresholds on at most this many rows. */
const BINNING_SUBSAMPLE = 200_000;

/** numpy's percentile with method="midpoint" on sorted values, q in [0, 1]. */
function midpointQuantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const a = sorted[below]!;
  if (position === below) return a;
  const b = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return b - (b - a) * 0.5;
}

function columnThresholds(sorted: Float64Array, maxBins: number): number[] {
  const distinct: number[] = [];
  // Past maxBins distinct values only the quantiles matter: a continuous column stops here early.
  for (let i = 0; i < sorted.length && distinct.length <= maxBins; i += 1) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  }
  if (distinct.length <= maxBins) {
    return distinct.slice(1).map((value, i) => (distinct[i]! + value) * 0.5);
  }
  const step = 100 / maxBins;
  return Array.from({ length: maxBins - 1 }, (_, i) => midpointQuantile(sorted, ((i + 1) * step) / 100));
}

/**
 * Per feature, the upper thresholds of its bins, as scikit-learn's _BinMapper: midpoints between
 * distinct values when there are at most maxBins of them, else maxBins quantiles (midpoint
 * interpolation), on a seeded subsample of 200,000 rows when there are more.
 */
export function fitBinThresholds(x: Float32Array, width: number, maxBins: number, seed: number): number[][] {
  const rows = x.length / width;
  const sample =
    rows > BINNING_SUBSAMPLE
      ? shuffleInPlace(rowRange(rows), mulberry32(seed)).subarray(0, BINNING_SUBSAMPLE).sort()
      : rowRange(rows);
  const column = new Float64Array(sample.length);
  return Array.from({ length: width }, (_, feature) => {
    for (let i = 0; i < sample.length; i += 1) column[i] = x[sample[i]! * width + feature]!;
    return columnThresholds(column.sort(), maxBins);
  });
}

/**
 * Bin of every value, column-major (feature f of row r at f * rows + r): the number of
 * thresholds below the value, so bin b holds thresholds[b - 1] < x <= thresholds[b].
 */
export function binColumns(x: Float32Array, width: number, thresholds: readonly number[][]): Uint8Array {
  const rows = x.length / width;
  const bins = new Uint8Array(rows * width);
  thresholds.forEach((edges, feature) => {
    const offset = feature * rows;
    for (let row = 0; row < rows; row += 1) {
      const value = x[row * width + feature]!;
      let low = 0;
      let high = edges.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (value <= edges[middle]!) high = middle;
        else low = middle + 1;
      }
      bins[offset + row] = low;
    }
  });
  return bins;
}
