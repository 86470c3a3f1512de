import { percentileKey } from '../settings/index.js';

/**
 * Nearest-rank percentiles of the values that are not NaN: pNN is the smallest value with at
 * least NN% of the values at or below it (p0 the minimum, p100 the maximum); null when every
 * value is missing. Keys as percentileKey (`p90`).
 */
export function nearestRankPercentiles(values: Float64Array, percentiles: readonly number[]): Record<string, number | null> {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const m = present.length;
  const result: Record<string, number | null> = {};
  for (const p of percentiles) {
    result[percentileKey(p)] = m === 0 ? null : (present[Math.max(0, Math.ceil((p / 100) * m) - 1)] as number);
  }
  return result;
}
