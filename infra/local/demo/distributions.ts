import type { RandomSource } from './random-source.js';

export function exponential(random: RandomSource, rate: number): number {
  return -Math.log(1 - random.uniform()) / rate;
}

export function standardNormal(random: RandomSource): number {
  const radius = Math.sqrt(-2 * Math.log(1 - random.uniform()));
  return radius * Math.cos(2 * Math.PI * random.uniform());
}

/** Gamma(shape, scale) by Marsaglia and Tsang; shapes below 1 use the U^(1/shape) boost. */
export function gamma(random: RandomSource, shape: number, scale: number): number {
  if (shape < 1) return gamma(random, shape + 1, scale) * Math.pow(random.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(random);
    const v = Math.pow(1 + c * x, 3);
    if (v <= 0) continue;
    const u = random.uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

export function beta(random: RandomSource, alpha: number, betaShape: number): number {
  const x = gamma(random, alpha, 1);
  return x / (x + gamma(random, betaShape, 1));
}

/** Picks a key with probability proportional to its weight. */
export function weightedPick<K extends string>(random: RandomSource, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = random.uniform() * total;
  for (const [key, weight] of entries) {
    remaining -= weight;
    if (remaining < 0) return key;
  }
  return entries[entries.length - 1]![0];
}
