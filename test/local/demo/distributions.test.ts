import { describe, expect, it } from 'vitest';
import { beta, exponential, gamma, weightedPick } from '../../../infra/local/demo/distributions.js';
import { createRandomStreams } from '../../../infra/local/demo/random-source.js';
import { mean } from './order-statistics.js';

const SAMPLES = 50_000;
const draw = (sample: () => number) => Array.from({ length: SAMPLES }, sample);
function variance(values: number[]): number {
  const center = mean(values);
  return mean(values.map((value) => (value - center) ** 2));
}

describe('seeded samplers', () => {
  const [random] = createRandomStreams(123, 1);
  const source = random!;

  it.each([0.4, 0.9, 3])('gamma(shape %f, scale 2) has mean 2k and variance 4k', (shape) => {
    const values = draw(() => gamma(source, shape, 2));

    expect(mean(values)).toBeCloseTo(2 * shape, 1);
    expect(variance(values) / (4 * shape)).toBeGreaterThan(0.9);
    expect(variance(values) / (4 * shape)).toBeLessThan(1.1);
  });

  it('beta(1, 22) has mean 1/23', () => {
    expect(mean(draw(() => beta(source, 1, 22)))).toBeCloseTo(1 / 23, 2);
  });

  it('exponential(rate 4) has mean 1/4', () => {
    expect(mean(draw(() => exponential(source, 4)))).toBeCloseTo(0.25, 2);
  });

  it('weightedPick follows the weights', () => {
    const picks = draw(() => (weightedPick(source, { a: 1, b: 3 }) === 'b' ? 1 : 0));

    expect(mean(picks)).toBeCloseTo(0.75, 1);
  });

  it('repeats exactly for the same seed, and streams of one seed differ', () => {
    const [first, second] = createRandomStreams(9, 2);
    const [again] = createRandomStreams(9, 1);

    const values = draw(() => first!.uniform()).slice(0, 5);

    expect(draw(() => again!.uniform()).slice(0, 5)).toEqual(values);
    expect(draw(() => second!.uniform()).slice(0, 5)).not.toEqual(values);
  });
});
