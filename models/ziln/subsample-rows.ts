import { copyRows } from '../features/feature-frame.js';
import { seededPermutation } from '../random/seeded-permutation.js';

/** Up to `maxRows` rows of a row-major matrix and their targets, a seeded random subset in original order. */
export function subsampleRows(
  values: Float32Array,
  targets: Float32Array,
  width: number,
  maxRows: number,
  seed: number,
): { values: Float32Array; spend: Float32Array } {
  const rows = targets.length;
  if (rows <= maxRows) return { values, spend: targets };
  const chosen = seededPermutation(rows, seed).subarray(0, maxRows).sort();
  return { values: copyRows(values, width, chosen), spend: Float32Array.from(chosen, (row) => targets[row]!) };
}
