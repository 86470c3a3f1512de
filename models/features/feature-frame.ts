/** Features of many customers as one dense row-major matrix, ready for TensorFlow.js. */
export interface FeatureFrame {
  asOf: string;
  customerIds: string[];
  featureNames: string[];
  /** rows x featureNames.length, row-major. */
  values: Float32Array;
  /** The untransformed RFM inputs, kept for segmentation and reports. */
  rfm: { recencyDays: Float64Array; frequency: Float64Array; monetary: Float64Array };
}

/** Category levels one-hot encoded; fixed at training time so scoring uses the same columns. */
export interface FeatureVocabulary {
  country: string[];
  acquisitionChannel: string[];
}

export const featureRow = (frame: FeatureFrame, row: number): Float32Array => {
  const width = frame.featureNames.length;
  return frame.values.subarray(row * width, (row + 1) * width);
};

/** The given rows of a row-major matrix `width` wide, in that order. */
export function copyRows(values: Float32Array, width: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i]!;
    out.set(values.subarray(row * width, (row + 1) * width), i * width);
  }
  return out;
}

/** The given rows of a frame, in that order: their feature matrix and customer ids. */
export function selectRows(frame: FeatureFrame, rows: readonly number[]): { values: Float32Array; customerIds: string[] } {
  return { values: copyRows(frame.values, frame.featureNames.length, rows), customerIds: rows.map((row) => frame.customerIds[row]!) };
}
