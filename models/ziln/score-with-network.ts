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
 * clipped batch and evaluates the ZILN head in plain arrays: the layers API's predict and the
 * per-column tensor slices cost tens of times more than the products themselves. Each member's
 * standardisation is folded into its first layer (x' = (x - mean) / std feeds W: the first layer
 * takes x with W / std and bias b - (mean / std) W), so every member reads the same input tensor.
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
  const stacks = members.map((m) => denseLayers(m.model, width, m.standardizer));
  const clipped = new Float32Array(BATCH_ROWS * width);
  const share = 1 / members.length;
  try {
    for (let start = 0; start < rows; start += BATCH_ROWS) {
      const n = Math.min(BATCH_ROWS, rows - start);
      clipRows(features, start, n, width, range, clipped);
      const input = tf.tensor2d(clipped.subarray(0, n * width), [n, width]);
      try {
        for (const layers of stacks) {
          const head = forward(layers, input);
          for (let i = 0; i < n; i += 1) {
            const p = 1 / (1 + Math.exp(-head[i * 3]!));
            const sigma = Math.min(Math.max(softplus(head[i * 3 + 2]!), SIGMA_MIN), SIGMA_MAX);
            const spend = p * Math.exp(head[i * 3 + 1]! + (sigma * sigma) / 2);
            churnProbability[start + i] = churnProbability[start + i]! + share * (1 - p);
            expectedSpend[start + i] = expectedSpend[start + i]! + share * Math.min(spend, maxSpend);
          }
        }
      } finally {
        input.dispose();
      }
    }
  } finally {
    stacks.forEach((layers) => layers.forEach((l) => tf.dispose([l.kernel, l.bias])));
  }
  return { churnProbability, expectedSpend };
}

function forward(layers: DenseLayer[], input: tf.Tensor2D): Float32Array {
  // The tensor leaves tidy and is read outside it: tidy walks whatever it returns, element by element.
  const output = tf.tidy(() => {
    let h = input;
    for (const layer of layers) h = tf.fused.matMul({ a: h, b: layer.kernel, bias: layer.bias, activation: layer.activation }) as tf.Tensor2D;
    return h;
  });
  try {
    return output.dataSync() as Float32Array;
  } finally {
    output.dispose();
  }
}

function denseLayers(model: tf.LayersModel, width: number, standardizer: Standardizer): DenseLayer[] {
  let inputs = width;
  return model.layers.map((layer, index) => {
    const [kernel, bias] = layer.getWeights();
    const activation = (layer.getConfig().activation as string | undefined) ?? 'linear';
    if (layer.getClassName() !== 'Dense' || !kernel || !bias || (activation !== 'relu' && activation !== 'linear') || kernel.shape[0] !== inputs) {
      throw new NetworkFormatError(`Cannot score network layer ${layer.name} (${layer.getClassName()}, activation ${activation}): expected Dense relu/linear layers taking ${inputs} inputs.`);
    }
    inputs = kernel.shape[1]!;
    if (index > 0) return { kernel: kernel.clone() as tf.Tensor2D, bias: bias.clone() as tf.Tensor1D, activation };
    return { ...withStandardizationFolded(kernel.dataSync() as Float32Array, bias.dataSync() as Float32Array, width, inputs, standardizer), activation };
  });
}

/** The first layer's kernel and bias taking unstandardised inputs, computed in doubles. */
function withStandardizationFolded(kernel: Float32Array, bias: Float32Array, width: number, units: number, scaler: Standardizer): Pick<DenseLayer, 'kernel' | 'bias'> {
  const folded = new Float32Array(width * units);
  const shifted = Float64Array.from(bias);
  for (let j = 0; j < width; j += 1) {
    const scale = 1 / scaler.std[j]!;
    const shift = scaler.mean[j]! * scale;
    for (let c = 0; c < units; c += 1) {
      const weight = kernel[j * units + c]!;
      folded[j * units + c] = weight * scale;
      shifted[c] = shifted[c]! - shift * weight;
    }
  }
  return { kernel: tf.tensor2d(folded, [width, units]), bias: tf.tensor1d(Float32Array.from(shifted)) };
}

/**
 * Clips each feature to the training range. Features such as tenure keep growing as a data set
 * ages, and ReLU networks extrapolate linearly beyond what they saw, which can send a lognormal
 * mean off by orders of magnitude; clipping keeps scoring in range.
 */
function clipRows(values: Float32Array, start: number, rows: number, width: number, range: FeatureRange, out: Float32Array): void {
  const { min, max } = range;
  for (let i = 0, k = 0, source = start * width; i < rows; i += 1) {
    for (let j = 0; j < width; j += 1, k += 1, source += 1) out[k] = Math.min(Math.max(values[source]!, min[j]!), max[j]!);
  }
}
