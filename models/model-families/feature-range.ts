/** Per-feature minimum and maximum of training rows (plain arrays, so the range survives JSON). */
export interface FeatureRange {
  min: number[];
  max: number[];
}

export function fitFeatureRange(values: Float32Array, width: number): FeatureRange {
  const min = new Array<number>(width).fill(Number.POSITIVE_INFINITY);
  const max = new Array<number>(width).fill(Number.NEGATIVE_INFINITY);
  for (let k = 0; k < values.length; k += 1) {
    const j = k % width;
    const v = values[k]!;
    if (v < min[j]!) min[j] = v;
    if (v > max[j]!) max[j] = v;
  }
  return { min, max };
}

/**
 * A copy of `values` with each feature clipped to the training range. Features such as tenure
 * keep growing as a data set ages, and ReLU networks extrapolate linearly beyond what they saw,
 * which can send a lognormal mean off by orders of magnitude; clipping keeps scoring in range.
 */
export function clipToRange(values: Float32Array, range: FeatureRange): Float32Array {
  const width = range.min.length;
  const out = new Float32Array(values.length);
  for (let k = 0; k < values.length; k += 1) {
    const j = k % width;
    out[k] = Math.min(Math.max(values[k]!, range.min[j]!), range.max[j]!);
  }
  return out;
}
