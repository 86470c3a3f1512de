import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorflow } from '../../../models/churn-clv/index.js';
import { ADAM_DEFAULTS, DenseNetworkTrainer } from '../../../models/ziln/dense-network-training.js';
import { trainZilnNetwork } from '../../../models/ziln/train-ziln-network.js';
import { SIGMA_MAX, zilnLossSum } from '../../../models/ziln/ziln-loss.js';
import { seededRandom } from '../../support/seeded-random.js';

const SIZES = [4, 6, 5, 3];
const ROWS = 9;
const L2 = 0.05;

function randomWeights(random: () => number): { values: Float32Array; shape: number[] }[] {
  return SIZES.slice(0, -1).flatMap((inWidth, l) => {
    const outWidth = SIZES[l + 1]!;
    return [
      { values: Float32Array.from({ length: inWidth * outWidth }, () => random() * 2 - 1), shape: [inWidth, outWidth] },
      { values: Float32Array.from({ length: outWidth }, () => random() - 0.3), shape: [outWidth] },
    ];
  });
}

const withValues = (weights: { values: Float32Array; shape: number[] }[], flat: Float64Array) => {
  let offset = 0;
  return weights.map((w) => {
    const values = Float32Array.from(flat.subarray(offset, offset + w.values.length));
    offset += w.values.length;
    return { values, shape: w.shape };
  });
};

describe('the ZILN loss gradient', () => {
  it('matches finite differences of the mean loss, with no gradient where sigma is clipped', () => {
    const random = seededRandom(11);
    const rows = 40;
    const head = Float64Array.from({ length: rows * 3 }, (_, k) => (k % 3 === 2 ? random() * 3 - 2 : random() * 4 - 2));
    head[3 * 7 + 2] = 8; // softplus(8) > SIGMA_MAX: clipped
    const spend = Float32Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 0 : Math.exp(random() * 3)));
    const mean = (h: Float64Array) => zilnLossSum(Float32Array.from(h), spend, 0, rows) / rows;
    const gradient = new Float32Array(rows * 3);
    zilnLossSum(Float32Array.from(head), spend, 0, rows, gradient);
    expect(Math.log1p(Math.exp(8))).toBeGreaterThan(SIGMA_MAX);
    expect(gradient[3 * 7 + 2]).toBe(0);
    for (let k = 0; k < head.length; k += 1) {
      const step = 1e-3;
      const up = Float64Array.from(head);
      const down = Float64Array.from(head);
      up[k] = up[k]! + step;
      down[k] = down[k]! - step;
      const numeric = (mean(up) - mean(down)) / (2 * step);
      expect(Math.abs(gradient[k]! - numeric), `output ${k}`).toBeLessThan(2e-4 + 1e-2 * Math.abs(numeric));
    }
  });
});

describe('DenseNetworkTrainer', () => {
  beforeAll(async () => {
    await initTensorflow();
  });

  it("gives each weight the gradient finite differences of the network's loss and L2 penalty give", () => {
    const random = seededRandom(3);
    const weights = randomWeights(random);
    const x = Float32Array.from({ length: ROWS * SIZES[0]! }, () => random() * 2 - 1);
    const spend = Float32Array.from({ length: ROWS }, (_, i) => (i % 2 === 0 ? 0 : 1 + random() * 20));
    const input = tf.tensor2d(x, [ROWS, SIZES[0]!]);
    const lossOf = (trainer: DenseNetworkTrainer) => zilnLossSum(trainer.predict(input), spend, 0, ROWS) / ROWS + trainer.penalty();
    const trainer = new DenseNetworkTrainer(weights, ROWS, { ...ADAM_DEFAULTS, learningRate: 1e-3 }, L2);
    const analytic = trainer.gradientOf(input, (head, rows, gradient) => zilnLossSum(head, spend, 0, rows, gradient));
    trainer.dispose();
    const flat = Float64Array.from(weights.flatMap((w) => Array.from(w.values)));
    expect(analytic.length).toBe(flat.length);
    let checked = 0;
    for (let k = 0; k < flat.length; k += 1) {
      const step = 2e-2;
      const losses = [step, -step].map((delta) => {
        const moved = Float64Array.from(flat);
        moved[k] = moved[k]! + delta;
        const perturbed = new DenseNetworkTrainer(withValues(weights, moved), ROWS, { ...ADAM_DEFAULTS, learningRate: 1e-3 }, L2);
        const loss = lossOf(perturbed);
        perturbed.dispose();
        return loss;
      });
      const numeric = (losses[0]! - losses[1]!) / (2 * step);
      expect(Math.abs(analytic[k]! - numeric), `weight ${k}`).toBeLessThan(3e-3 + 3e-2 * Math.abs(numeric));
      if (Math.abs(numeric) > 1e-3) checked += 1;
    }
    // Most weights carry a gradient: the check is not passing on zeros.
    expect(checked).toBeGreaterThan(flat.length / 2);
    input.dispose();
  });

  it('trains a network that learns who buys and how much, the same weights for the same seed', async () => {
    const random = seededRandom(5);
    const rows = 3000;
    const width = 3;
    const features = Float32Array.from({ length: rows * width }, () => random() * 2 - 1);
    const spend = Float32Array.from({ length: rows }, (_, i) => {
      const f = features[i * width]!;
      return random() < 1 / (1 + Math.exp(-3 * f)) ? Math.exp(2 + features[i * width + 1]! + 0.3 * random()) : 0;
    });
    const trained = [];
    for (let run = 0; run < 2; run += 1) trained.push(await trainZilnNetwork(features, width, spend, { seed: 9, maxEpochs: 30 }));
    const [first, second] = trained.map((t) => t.model.getWeights().map((w) => Array.from(w.dataSync())));
    expect(second).toEqual(first);
    // Loss of the untrained head (base rate and spend distribution) is about 0.69 + buyers' spread; the trained network must beat it clearly.
    const baseline = await trainZilnNetwork(features, width, spend, { seed: 9, maxEpochs: 1, learningRate: 1e-9 });
    expect(trained[0]!.bestValidationLoss).toBeLessThan(baseline.bestValidationLoss - 0.2);
    [...trained, baseline].forEach((t) => t.model.dispose());
  });
});
