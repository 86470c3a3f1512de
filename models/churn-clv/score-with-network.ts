import * as tf from '@tensorflow/tfjs';
import { standardize, type Standardizer } from './standardizer.js';
import { zilnPredict } from './ziln.js';

export interface NetworkScores {
  churnProbability: Float32Array;
  expectedSpend: Float32Array;
}

const BATCH_ROWS = 65_536;

/** Scores rows in batches so memory stays flat however many customers there are. */
export function scoreWithNetwork(
  model: tf.LayersModel,
  standardizer: Standardizer,
  features: Float32Array,
  width: number,
): NetworkScores {
  const rows = features.length / width;
  const churnProbability = new Float32Array(rows);
  const expectedSpend = new Float32Array(rows);
  const x = standardize(features, standardizer);
  for (let start = 0; start < rows; start += BATCH_ROWS) {
    const end = Math.min(rows, start + BATCH_ROWS);
    const input = tf.tensor2d(x.subarray(start * width, end * width), [end - start, width]);
    const output = model.predict(input) as tf.Tensor;
    const prediction = zilnPredict(output);
    tf.dispose([input, output]);
    prediction.purchaseProbability.forEach((p, i) => (churnProbability[start + i] = 1 - p));
    expectedSpend.set(prediction.expectedSpend, start);
  }
  return { churnProbability, expectedSpend };
}
