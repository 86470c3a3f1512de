import { describe, expect, it } from 'vitest';
import { applyPlattScaling, fitPlattScaling } from '../../../models/model-families/btyd/platt-scaling.js';
import { seededRandom } from '../../support/seeded-random.js';

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('Platt scaling', () => {
  it('recovers the slope and intercept that generated the labels', () => {
    const random = seededRandom(3);
    const scores = Array.from({ length: 20_000 }, () => 0.02 + 0.96 * random());
    const labels = scores.map((p) => (random() < sigmoid(0.6 * logit(p) - 0.4) ? 1 : 0));

    const scaling = fitPlattScaling(scores, labels);

    expect(scaling.slope).toBeCloseTo(0.6, 1);
    expect(scaling.intercept).toBeCloseTo(-0.4, 1);
  });

  it('keeps already calibrated probabilities close to unchanged and the order of all', () => {
    const random = seededRandom(5);
    const scores = Array.from({ length: 20_000 }, () => 0.05 + 0.9 * random());
    const labels = scores.map((p) => (random() < p ? 1 : 0));

    const calibrated = applyPlattScaling(fitPlattScaling(scores, labels), [0.1, 0.5, 0.9]);

    expect(calibrated[0]).toBeCloseTo(0.1, 1);
    expect(calibrated[1]).toBeCloseTo(0.5, 1);
    expect(calibrated[2]).toBeCloseTo(0.9, 1);
  });

  it('stays finite when the labels are perfectly separable', () => {
    const scaling = fitPlattScaling([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]);

    expect(Number.isFinite(scaling.slope) && Number.isFinite(scaling.intercept)).toBe(true);
  });
});
