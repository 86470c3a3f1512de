/** Per-feature mean and standard deviation, fitted on training rows and stored with the model. */
export interface Standardizer {
  mean: number[];
  std: number[];
}

export function fitStandardizer(values: Float32Array, width: number): Standardizer {
  const rows = values.length / width;
  const mean = new Array<number>(width).fill(0);
  const sq = new Array<number>(width).fill(0);
  for (let i = 0; i < rows; i += 1) {
    for (let j = 0; j < width; j += 1) {
      const v = values[i * width + j] ?? 0;
      mean[j]! += v;
      sq[j]! += v * v;
    }
  }
  const std = mean.map((sum, j) => {
    const m = sum / Math.max(rows, 1);
    mean[j] = m;
    const variance = sq[j]! / Math.max(rows, 1) - m * m;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { mean, std };
}

export function standardize(values: Float32Array, scaler: Standardizer): Float32Array {
  const width = scaler.mean.length;
  const out = new Float32Array(values.length);
  for (let k = 0; k < values.length; k += 1) {
    const j = k % width;
    out[k] = ((values[k] ?? 0) - scaler.mean[j]!) / scaler.std[j]!;
  }
  return out;
}
