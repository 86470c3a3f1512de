import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorflow } from '../../../models/churn-clv/index.js';
import { scoreNetworks } from '../../../models/ziln/score-with-network.js';
import { SIGMA_MAX, SIGMA_MIN } from '../../../models/ziln/ziln-loss.js';
import { seededRandom } from '../../support/seeded-random.js';

const WIDTH = 5;

function network(seed: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [WIDTH], kernelInitializer: tf.initializers.heNormal({ seed }) }));
  model.add(tf.layers.dense({ units: 4, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: seed + 1 }) }));
  model.add(tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }));
  return model;
}

/** The ZILN head through the layers API, one row at a time: the slow reference. */
function reference(model: tf.LayersModel, row: number[]): { churn: number; spend: number } {
  const [logit, mu, raw] = Array.from((model.predict(tf.tensor2d([row])) as tf.Tensor).dataSync());
  const p = 1 / (1 + Math.exp(-logit!));
  const sigma = Math.min(Math.max(Math.log1p(Math.exp(raw!)), SIGMA_MIN), SIGMA_MAX);
  return { churn: 1 - p, spend: p * Math.exp(mu! + (sigma * sigma) / 2) };
}

describe('scoreNetworks', () => {
  beforeAll(async () => {
    await initTensorflow();
  });

  it('gives what the layers API gives, for clipped and standardised rows, averaged over members, past one batch', () => {
    const random = seededRandom(3);
    const rows = 20_000;
    const features = Float32Array.from({ length: rows * WIDTH }, () => random() * 4 - 2);
    const range = { min: [-1, -1, -1, -1, -1], max: [1, 1, 1, 1.5, 1] };
    const members = [
      { model: network(1), standardizer: { mean: [0, 0.1, 0.2, 0.3, 0], std: [1, 2, 0.5, 1, 1] } },
      { model: network(7), standardizer: { mean: [0.2, 0, 0, 0, -0.1], std: [1, 1, 1, 3, 1] } },
    ];
    const maxSpend = 3;
    const scores = scoreNetworks(members, range, features, WIDTH, maxSpend);
    for (const i of [0, 1, 16_383, 16_384, rows - 1]) {
      const raw = Array.from(features.subarray(i * WIDTH, (i + 1) * WIDTH));
      const clipped = raw.map((v, j) => Math.min(Math.max(Math.fround(v), range.min[j]!), range.max[j]!));
      const expected = members.map(({ model, standardizer }) => reference(model, clipped.map((v, j) => (v - standardizer.mean[j]!) / standardizer.std[j]!)));
      const churn = (expected[0]!.churn + expected[1]!.churn) / 2;
      const spend = (Math.min(expected[0]!.spend, maxSpend) + Math.min(expected[1]!.spend, maxSpend)) / 2;
      expect(scores.churnProbability[i]).toBeCloseTo(churn, 5);
      expect(scores.expectedSpend[i]).toBeCloseTo(spend, 4);
    }
  });

  it('refuses a network that is not a stack of dense relu/linear layers', () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 3, activation: 'tanh', inputShape: [WIDTH] }));
    const standardizer = { mean: [0, 0, 0, 0, 0], std: [1, 1, 1, 1, 1] };
    expect(() => scoreNetworks([{ model, standardizer }], { min: [0, 0, 0, 0, 0], max: [1, 1, 1, 1, 1] }, new Float32Array(WIDTH), WIDTH)).toThrow(/tanh/);
  });
});
