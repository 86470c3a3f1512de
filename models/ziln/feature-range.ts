/** Per-feature minimum and maximum of training rows (plain arrays, so the range survives JSON). */
export interface FeatureRange {
  min: number[];
  max: number[];
}

export function fitFeatureRange(values: Float32Array, width: number): FeatureRange {
  const min = new Float64Array(width).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(width).fill(Number.NEGATIVE_INFINITY);
  // Row by row: a modulo per value and plain arrays cost 0.2 s over a million rows.
  for (let at = 0; at < values.length; at += width) {
    for (let j = 0; j < width; j += 1) {
      const v = values[at + j]!;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  return { min: Array.from(min), max: Array.from(max) };
}
