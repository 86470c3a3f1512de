import { describe, expect, it } from 'vitest';
import { horizonSpendSigma, MAX_SPEND_SIGMA, type BtydModels } from '../../../models/btyd-predictor/index.js';
import { probabilityAlive } from '../../../models/btyd/index.js';
import { sampleGamma, seededRandom } from '../btyd/simulate-btyd.js';

const bgNbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: 0, converged: true, iterations: 0 };
const gammaGamma = { p: 6.25, q: 3.74, v: 15.44, logLikelihood: 0, converged: true, iterations: 0 };
const models: BtydModels = { asOf: '1997-09-30', customers: 2357, repeatBuyers: 946, bgNbd, gammaGamma, meanSpendPerDay: 35 };

/** Spend in (T, T + horizon] drawn from the customer's posterior under BG/NBD + Gamma-Gamma. */
function simulatedSpends(customer: { x: number; tx: number; T: number; mx: number }, horizon: number, draws: number, withSpread: boolean): number[] {
  const random = seededRandom(5);
  const alive = probabilityAlive(bgNbd, customer);
  const spends: number[] = [];
  for (let d = 0; d < draws; d += 1) {
    if (random() >= alive) continue;
    const rate = sampleGamma(random, bgNbd.r + customer.x, bgNbd.alpha + customer.T);
    const u = sampleGamma(random, bgNbd.a, 1);
    const dropout = u / (u + sampleGamma(random, bgNbd.b + customer.x, 1));
    const nu = sampleGamma(random, gammaGamma.q + gammaGamma.p * customer.x, gammaGamma.v + customer.x * customer.mx);
    let time = 0;
    let spend = 0;
    for (;;) {
      time += -Math.log(1 - random()) / rate;
      if (time > horizon) break;
      spend += withSpread ? sampleGamma(random, gammaGamma.p, nu) : models.meanSpendPerDay;
      if (random() < dropout) break;
    }
    if (spend > 0) spends.push(spend);
  }
  return spends;
}

const momentMatchedSigma = (spends: number[]) => {
  const m1 = spends.reduce((a, s) => a + s, 0) / spends.length;
  const m2 = spends.reduce((a, s) => a + s * s, 0) / spends.length;
  return Math.sqrt(Math.log(m2 / (m1 * m1)));
};

describe('horizonSpendSigma', () => {
  it('matches the spread of spend given a purchase simulated from the posterior (CDNOW fit, 39 weeks)', () => {
    const customer = { x: 2, tx: 30.43, T: 38.86, mx: 22.35 };

    const sigma = horizonSpendSigma(models, customer, 39);

    expect(sigma).toBeCloseTo(momentMatchedSigma(simulatedSpends(customer, 39, 300_000, true)), 1);
    expect(sigma).toBeGreaterThan(0.3);
  });

  it('without a Gamma-Gamma fit, spreads only the number of purchases', () => {
    const customer = { x: 6, tx: 35, T: 38.86, mx: 40 };

    const sigma = horizonSpendSigma({ ...models, gammaGamma: null }, customer, 39);

    expect(sigma).toBeCloseTo(momentMatchedSigma(simulatedSpends(customer, 39, 100_000, false)), 1);
    expect(sigma).toBeLessThan(horizonSpendSigma(models, customer, 39));
  });

  it('caps the spread where Gamma-Gamma spend has no finite variance', () => {
    const heavyTailed = { ...models, gammaGamma: { ...gammaGamma, q: 1.5 } };

    expect(horizonSpendSigma(heavyTailed, { x: 0, tx: 0, T: 20, mx: 0 }, 39)).toBe(MAX_SPEND_SIGMA);
  });
});
