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
