import { seededRandom } from '../../support/seeded-random.js';
import type { BgNbdParams, GammaGammaParams } from '../../../models/btyd/index.js';


function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), boosted for shape < 1. */
export function sampleGamma(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1, rate) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = standardNormal(random);
    const v = (1 + c * normal) ** 3;
    if (v > 0 && Math.log(1 - random()) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export interface SimulatedBgNbdCustomer {
  x: number;
  tx: number;
  T: number;
  /** Transactions in (T, T + holdout]. */
  holdoutTransactions: number;
}

/**
 * Draws customers from the BG/NBD story: Poisson purchases at rate lambda ~ Gamma(r, alpha) and,
 * after each repeat purchase, dropout with probability p ~ Beta(a, b). Ages T are uniform in `ageRange`.
 */
export function simulateBgNbd(
  params: BgNbdParams,
  count: number,
  ageRange: [number, number],
  holdout: number,
  seed: number,
): SimulatedBgNbdCustomer[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const T = ageRange[0] + (ageRange[1] - ageRange[0]) * random();
    const rate = sampleGamma(random, params.r, params.alpha);
    const pShape = sampleGamma(random, params.a, 1);
    const dropout = pShape / (pShape + sampleGamma(random, params.b, 1));
    let time = 0;
    let x = 0;
    let tx = 0;
    let holdoutTransactions = 0;
    for (;;) {
      time += -Math.log(1 - random()) / rate;
      if (time > T + holdout) break;
      if (time <= T) {
        x += 1;
        tx = time;
      } else {
        holdoutTransactions += 1;
      }
      if (random() < dropout) break;
    }
    return { x, tx, T, holdoutTransactions };
  });
}

/** Repeat buyers with x in 1..maxTransactions whose transaction values are Gamma(p, nu), nu ~ Gamma(q, v). */
export function simulateGammaGamma(
  params: GammaGammaParams,
  count: number,
  maxTransactions: number,
  seed: number,
): Array<{ x: number; mx: number }> {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const x = 1 + Math.floor(random() * maxTransactions);
    const nu = sampleGamma(random, params.q, params.v);
    let total = 0;
    for (let transaction = 0; transaction < x; transaction += 1) total += sampleGamma(random, params.p, nu);
    return { x, mx: total / x };
  });
}

export { seededRandom };
