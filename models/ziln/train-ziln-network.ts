import * as tf from '@tensorflow/tfjs';
import { copyRows } from '../features/feature-frame.js';
import { seededPermutation } from '../random/seeded-permutation.js';
import { ADAM_DEFAULTS, DenseNetworkTrainer } from './dense-network-training.js';
import { fitStandardizer, standardize, type Standardizer } from './standardizer.js';
import { zilnLossSum } from './ziln-loss.js';

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
 * Fits the ZILN network with Adam on mini-batches; early-stops on a validation slice and keeps the
 * best epoch's weights. The network starts from TensorFlow.js's seeded initialisers and ends as an
 * ordinary LayersModel (stored and scored as before); the steps in between are DenseNetworkTrainer's,
 * about a tenth of the kernels the layers API's training loop launches and three times faster.
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
  const order = seededPermutation(rows, o.seed);
  const validationRows = Math.max(1, Math.floor(rows * o.validationFraction));
  const x = standardize(features, standardizer);
  const [xTrain, yTrain] = gather(x, spend, width, order.subarray(validationRows));
  const [xValid, yValid] = gather(x, spend, width, order.subarray(0, validationRows));
  const model = buildNetwork(width, o, spend);
  const initial = model.getWeights().map((w) => ({ values: w.dataSync() as Float32Array, shape: w.shape }));
  const trainRows = yTrain.length;
  const network = new DenseNetworkTrainer(initial, o.batchSize, { ...ADAM_DEFAULTS, learningRate: o.learningRate }, o.l2);
  // The batches are the same rows every epoch (the order is shuffled once): upload each once.
  const batches = Array.from({ length: Math.ceil(trainRows / o.batchSize) }, (_, b) => {
    const start = b * o.batchSize;
    const n = Math.min(o.batchSize, trainRows - start);
    return { start, x: tf.tensor2d(xTrain.subarray(start * width, (start + n) * width), [n, width]) };
  });
  const valid = tf.tensor2d(xValid, [validationRows, width]);
  const best = { loss: Number.POSITIVE_INFINITY, epoch: 0, weights: undefined as Float32Array | undefined };
  let epochs = 0;
  try {
    for (let epoch = 0; epoch < o.maxEpochs; epoch += 1) {
      let lossSum = 0;
      for (const { start, x: batch } of batches) {
        lossSum += network.train(batch, (head, rows, gradient) => zilnLossSum(head, yTrain, start, rows, gradient));
      }
      epochs = epoch + 1;
      const validationLoss = zilnLossSum(network.predict(valid), yValid, 0, validationRows) / validationRows;
      if (o.onEpoch) o.onEpoch(epoch, lossSum / trainRows + network.penalty(), validationLoss);
      if (validationLoss < best.loss - 1e-5) {
        Object.assign(best, { loss: validationLoss, epoch, weights: network.snapshot() });
      } else if (epoch - best.epoch >= o.patience) {
        break;
      }
    }
    const final = network.split(best.weights ?? network.snapshot());
    model.setWeights(final);
    tf.dispose(final);
  } finally {
    network.dispose();
    tf.dispose([valid, ...batches.map((b) => b.x)]);
  }
  return { model, standardizer, epochs, bestValidationLoss: best.loss };
}

function gather(x: Float32Array, y: Float32Array, width: number, rows: Uint32Array): [Float32Array, Float32Array] {
  return [copyRows(x, width, rows), Float32Array.from(rows, (row) => y[row] ?? 0)];
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
