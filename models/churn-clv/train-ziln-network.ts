import * as tf from '@tensorflow/tfjs';
import { copyRows } from '../features/feature-frame.js';
import { seededPermutation } from '../random/seeded-permutation.js';
import { fitStandardizer, standardize, type Standardizer } from './standardizer.js';
import { zilnLoss } from './ziln.js';

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

/** Fits the ZILN network; early-stops on a validation slice and keeps the best epoch's weights. */
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
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: zilnLoss });
  const best = { loss: Number.POSITIVE_INFINITY, epoch: 0, weights: [] as tf.Tensor[] };
  let epochs = 0;
  await model.fit(xTrain, yTrain, {
    epochs: o.maxEpochs,
    batchSize: o.batchSize,
    shuffle: false,
    validationData: [xValid, yValid],
    verbose: 0,
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        epochs = epoch + 1;
        const validationLoss = logs?.val_loss ?? Number.POSITIVE_INFINITY;
        o.onEpoch?.(epoch, logs?.loss ?? Number.NaN, validationLoss);
        if (validationLoss < best.loss - 1e-5) {
          best.weights.forEach((w) => w.dispose());
          Object.assign(best, { loss: validationLoss, epoch, weights: model.getWeights().map((w) => w.clone()) });
        } else if (epoch - best.epoch >= o.patience) {
          model.stopTraining = true;
        }
      },
    },
  });
  if (best.weights.length > 0) model.setWeights(best.weights);
  tf.dispose([xTrain, yTrain, xValid, yValid, ...best.weights]);
  return { model, standardizer, epochs, bestValidationLoss: best.loss };
}

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
  head.setWeights([head.getWeights()[0]!, tf.tensor1d(initialHeadBias(spend))]);
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
