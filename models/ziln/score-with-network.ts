import * as tf from '@tensorflow/tfjs';
import type { FeatureRange } from './feature-range.js';
import { NetworkFormatError } from './errors.js';
import type { Standardizer } from './standardizer.js';
import { SIGMA_MAX, SIGMA_MIN, softplus } from './ziln-loss.js';

export interface NetworkScores {
  churnProbability: Float64Array;
  expectedSpend: Float64Array;
}

export interface ScoringMember {
  model: tf.LayersModel;
  standardizer: Standardizer;
}

interface DenseLayer {
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
  activation: 'relu' | 'linear';
}

/** Rows per forward pass: large enough to amortise kernel launches, small enough to stay in cache. */
const BATCH_ROWS = 16_384;

/**
 * The members' mean churn probability and mean expected spend (each member's spend capped at
 * `maxSpend`). Runs each network as a chain of fused matrix products (one kernel per layer) on a
 * clipped, standardised batch and evaluates the ZILN head in plain arrays: the layers API's
 * predict and the per-column tensor slices cost tens of times more than the products themselves.
 */
export function scoreNetworks(
  members: ScoringMember[],
  range: FeatureRange,
  features: Float32Array,
  width: number,
  maxSpend = Number.POSITIVE_INFINITY,
): NetworkScores {
  const rows = features.length / width;
  const churnProbability = new Float64Array(rows);
  const expectedSpend = new Float64Array(rows);
  const stacks = members.map((m) => denseLayers(m.model, width));
  const clipped = new Float32Array(BATCH_ROWS * width);
  const standardized = new Float32Array(BATCH_ROWS * width);
  const share = 1 / members.length;
  try {
    for (let start = 0; start < rows; start += BATCH_ROWS) {
      const n = Math.min(BATCH_ROWS, rows - start);
      clipRows(features, start, n, width, range, clipped);
      members.forEach((member, m) => {
        standardizeRows(clipped, n, width, member.standardizer, standardized);
        const head = forward(stacks[m]!, standardized.subarray(0, n * width), n, width);
        for (let i = 0; i < n; i += 1) {
          const p = 1 / (1 + Math.exp(-head[i * 3]!));
          const sigma = Math.min(Math.max(softplus(head[i * 3 + 2]!), SIGMA_MIN), SIGMA_MAX);
          const spend = p * Math.exp(head[i * 3 + 1]! + (sigma * sigma) / 2);
          churnProbability[start + i] = churnProbability[start + i]! + share * (1 - p);
          expectedSpend[start + i] = expectedSpend[start + i]! + share * Math.min(spend, maxSpend);
        }
      });
    }
  } finally {
    stacks.forEach((layers) => layers.forEach((l) => tf.dispose([l.kernel, l.bias])));
  }
  return { churnProbability, expectedSpend };
}

function forward(layers: DenseLayer[], x: Float32Array, rows: number, width: number): Float32Array {
  // The tensor leaves tidy and is read outside it: tidy walks whatever it returns, element by element.
  const output = tf.tidy(() => {
    let h: tf.Tensor2D = tf.tensor2d(x, [rows, width]);
    for (const layer of layers) h = tf.fused.matMul({ a: h, b: layer.kernel, bias: layer.bias, activation: layer.activation }) as tf.Tensor2D;
    return h;
  });
  try {
    return output.dataSync() as Float32Array;
  } finally {
    output.dispose();
  }
}

function denseLayers(model: tf.LayersModel, width: number): DenseLayer[] {
  let inputs = width;
  return model.layers.map((layer) => {
    const [kernel, bias] = layer.getWeights();
    const activation = (layer.getConfig().activation as string | undefined) ?? 'linear';
    if (layer.getClassName() !== 'Dense' || !kernel || !bias || (activation !== 'relu' && activation !== 'linear') || kernel.shape[0] !== inputs) {
      throw new NetworkFormatError(`Cannot score network layer ${layer.name} (${layer.getClassName()}, activation ${activation}): expected Dense relu/linear layers taking ${inputs} inputs.`);
    }
    inputs = kernel.shape[1]!;
    return { kernel: kernel.clone() as tf.Tensor2D, bias: bias.clone() as tf.Tensor1D, activation };
  });
}

/**
 * Clips each feature to the training range. Features such as tenure keep growing as a data set
 * ages, and ReLU networks extrapolate linearly beyond what they saw, which can send a lognormal
 * mean off by orders of magnitude; clipping keeps scoring in range.
 */
function clipRows(values: Float32Array, start: number, rows: number, width: number, range: FeatureRange, out: Float32Array): void {
  const offset = start * width;
  for (let k = 0; k < rows * width; k += 1) {
    const j = k % width;
    out[k] = Math.min(Math.max(values[offset + k]!, range.min[j]!), range.max[j]!);
  }
}

function standardizeRows(values: Float32Array, rows: number, width: number, scaler: Standardizer, out: Float32Array): void {
  for (let k = 0; k < rows * width; k += 1) {
    const j = k % width;
    out[k] = (values[k]! - scaler.mean[j]!) / scaler.std[j]!;
  }
}
