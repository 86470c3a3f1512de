import * as tf from '@tensorflow/tfjs';
import { copyRows } from '../features/feature-frame.js';
import { seededPermutation } from '../random/seeded-permutation.js';
import { fitStandardizer, standardize, type Standardizer } from './standardizer.js';
import { zilnLoss } from './ziln-loss.js';

export interface TrainZilnOptions {
  seed?: number;
  maxEpochs?: number;
  patience?: number;
  batchSize?: number;
  learningRate?: number;
  hiddenUnits?: number[];
  l2?: number;
  /** Share of training rows used for early stopping. */
  validationFraction?: number;
  onEpoch?: (epoch: number, loss: number, validationLoss: number) => void;
}

export interface TrainedZilnNetwork {
  model: tf.LayersModel;
  standardizer: Standardizer;
  epochs: number;
  bestValidationLoss: number;
}

const DEFAULTS = { seed: 7, maxEpochs: 80, patience: 8, batchSize: 512, learningRate: 2e-3, hiddenUnits: [64, 32], l2: 1e-4, validationFraction: 0.15 };

/**
 * Fits the ZILN network; early-stops on a validation slice and keeps the best epoch's weights.
 * The loop is written out rather than left to LayersModel.fit: each dense layer's gradient is
 * taken with explicit transposes (the WebAssembly backend's transposed matrix products are
 * several times slower than a transpose and a plain product), which halves training time. The
 * result is an ordinary LayersModel, stored and scored as before.
 */
export async function trainZilnNetwork(
  features: Float32Array,
  width: number,
  spend: Float32Array,
  options: TrainZilnOptions = {},
): Promise<TrainedZilnNetwork> {
  const o = { ...DEFAULTS, ...options };
  const rows = spend.length;
  const standardizer = fitStandardizer(features, width);
  const x = standardize(features, standardizer);
  const order = seededPermutation(rows, o.seed);
  const validationRows = Math.max(1, Math.floor(rows * o.validationFraction));
  const [xTrain, yTrain] = gather(x, spend, width, order.subarray(validationRows));
  const [xValid, yValid] = gather(x, spend, width, order.subarray(0, validationRows));
  const model = buildNetwork(width, o, spend);
  const weights = model.getWeights().map((w) => tf.variable(w));
  const layers = Array.from({ length: weights.length / 2 }, (_, i) => ({ kernel: weights[2 * i] as tf.Variable<tf.Rank.R2>, bias: weights[2 * i + 1] as tf.Variable<tf.Rank.R1> }));
  const hidden = layers.slice(0, -1).map((l) => l.kernel);
  const forward = (input: tf.Tensor2D): tf.Tensor2D =>
    layers.reduce((h, layer, i) => {
      const z = denseWithTransposedGradients(h, layer.kernel, layer.bias);
      return i < layers.length - 1 ? tf.relu(z) : z;
    }, input);
  const optimizer = tf.train.adam(o.learningRate);
  const best = { loss: Number.POSITIVE_INFINITY, epoch: 0, weights: [] as tf.Tensor[] };
  const trainRows = xTrain.shape[0];
  let epochs = 0;
  try {
    for (let epoch = 0; epoch < o.maxEpochs; epoch += 1) {
      // The epoch's loss stays on the backend until the epoch ends: reading it per batch would wait on every step.
      let lossSum: tf.Scalar = tf.scalar(0);
      for (let start = 0; start < trainRows; start += o.batchSize) {
        const n = Math.min(o.batchSize, trainRows - start);
        const next = tf.tidy(() => {
          const xb = xTrain.slice([start, 0], [n, width]);
          const yb = yTrain.slice([start, 0], [n, 3]);
          const cost = optimizer.minimize(() => {
            const penalty = hidden.reduce((sum, kernel) => tf.add(sum, tf.mul(o.l2, tf.sum(tf.square(kernel)))), tf.scalar(0));
            return tf.add(zilnLoss(yb, forward(xb)), penalty) as tf.Scalar;
          }, true, weights)!;
          return tf.add(lossSum, tf.mul(cost, n)) as tf.Scalar;
        });
        lossSum.dispose();
        lossSum = next;
      }
      epochs = epoch + 1;
      const trainingLoss = (await lossSum.data())[0]! / trainRows;
      lossSum.dispose();
      const validation = tf.tidy(() => zilnLoss(yValid, forward(xValid)));
      const validationLoss = (await validation.data())[0]!;
      validation.dispose();
      o.onEpoch?.(epoch, trainingLoss, validationLoss);
      if (validationLoss < best.loss - 1e-5) {
        best.weights.forEach((w) => w.dispose());
        Object.assign(best, { loss: validationLoss, epoch, weights: weights.map((w) => w.clone()) });
      } else if (epoch - best.epoch >= o.patience) {
        break;
      }
    }
    model.setWeights(best.weights.length > 0 ? best.weights : weights);
  } finally {
    optimizer.dispose();
    tf.dispose([xTrain, yTrain, xValid, yValid, ...best.weights, ...weights]);
  }
  return { model, standardizer, epochs, bestValidationLoss: best.loss };
}

/** x·kernel + bias whose gradient uses explicit transposes (see trainZilnNetwork). */
const denseWithTransposedGradients = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, kernel, bias, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, kernel]);
  return {
    value: tf.add(tf.matMul(x, kernel), bias),
    gradFunc: (dy: tf.Tensor2D | tf.Tensor2D[], saved: tf.Tensor[]) => {
      const gradient = dy as tf.Tensor2D;
      const [input, weights] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(gradient, tf.transpose(weights)), tf.matMul(tf.transpose(input), gradient), tf.sum(gradient, 0)];
    },
  };
}) as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D) => tf.Tensor2D;

function gather(x: Float32Array, y: Float32Array, width: number, rows: Uint32Array): [tf.Tensor2D, tf.Tensor2D] {
  // TensorFlow.js wants targets shaped like the output [n, 3]; spend sits in the first column.
  const ys = new Float32Array(rows.length * 3);
  rows.forEach((row, i) => (ys[i * 3] = y[row] ?? 0));
  return [tf.tensor2d(copyRows(x, width, rows), [rows.length, width]), tf.tensor2d(ys, [rows.length, 3])];
}

function buildNetwork(width: number, o: typeof DEFAULTS, spend: Float32Array): tf.LayersModel {
  const model = tf.sequential();
  o.hiddenUnits.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        ...(i === 0 ? { inputShape: [width] } : {}),
        kernelInitializer: tf.initializers.heNormal({ seed: o.seed + i }),
        kernelRegularizer: tf.regularizers.l2({ l2: o.l2 }),
      }),
    );
  });
  const head = tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + 99 }) });
  model.add(head);
  const bias = tf.tensor1d(initialHeadBias(spend));
  head.setWeights([head.getWeights()[0]!, bias]);
  bias.dispose();
  return model;
}

/** Starts the head at the base purchase rate and the spend distribution, so training refines rather than discovers them. */
function initialHeadBias(spend: Float32Array): number[] {
  const logs = Array.from(spend).filter((s) => s > 0).map(Math.log);
  const rate = Math.min(Math.max(logs.length / Math.max(spend.length, 1), 1e-3), 1 - 1e-3);
  const mean = logs.length > 0 ? logs.reduce((a, b) => a + b, 0) / logs.length : 0;
  const sd = logs.length > 1 ? Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / logs.length) : 1;
  const inverseSoftplus = Math.log(Math.expm1(Math.max(sd, 0.05)));
  return [Math.log(rate / (1 - rate)), mean, inverseSoftplus];
}
