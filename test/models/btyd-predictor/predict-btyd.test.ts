import { describe, expect, it } from 'vitest';
import { expectedAverageSpend, probabilityAlive, probabilityNoPurchase } from '../../../models/btyd/index.js';
import { predictBtyd, robustExpectedTransactions, type BtydModels, type BtydSummaries } from '../../../models/btyd-predictor/index.js';
import { seededRandom } from '../../support/seeded-random.js';

function summaries(n: number, seed: number): BtydSummaries {
  const random = seededRandom(seed);
  const s: BtydSummaries = { asOf: '2025-06-30', customerIds: [], x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n), mx: new Float64Array(n), firstSpend: new Float64Array(n) };
  for (let i = 0; i < n; i += 1) {
    s.customerIds.push(`c${i}`);
    s.T[i] = Math.floor(random() * 1000);
    s.x[i] = random() < 0.3 ? 0 : Math.floor(random() * 30);
    s.tx[i] = s.x[i] === 0 ? 0 : Math.floor(random() * (s.T[i]! + 1));
    s.mx[i] = s.x[i] === 0 ? 0 : random() * 200;
    s.firstSpend[i] = random() * 100;
  }
  return s;
}

const models = (bgNbd: BtydModels['bgNbd'], gammaGamma: BtydModels['gammaGamma']): BtydModels => ({ asOf: '2025-06-30', customers: 0, repeatBuyers: 0, bgNbd, gammaGamma, meanSpendPerDay: 42 });

describe('predictBtyd', () => {
  it.each([
    ['ordinary parameters, Gamma-Gamma fitted', models({ r: 0.6, alpha: 25, a: 1.4, b: 24, logLikelihood: 0, converged: true, iterations: 1 }, { p: 10, q: 5.7, v: 22, logLikelihood: 0, converged: true, iterations: 1 })],
    ['the a -> 0 ridge, no Gamma-Gamma', models({ r: 0.72, alpha: 65, a: 1.6e-7, b: 107_000, logLikelihood: 0, converged: true, iterations: 1 }, null)],
  ])('gives, with %s, each customer exactly what the per-customer functions give', (_, fitted) => {
    const s = summaries(3000, 7);
    const predicted = predictBtyd(fitted, s, 90);
    for (let i = 0; i < s.customerIds.length; i += 1) {
      const customer = { x: s.x[i]!, tx: s.tx[i]!, T: s.T[i]! };
      const transactions = robustExpectedTransactions(fitted.bgNbd, customer, 90);
      const perDay = fitted.gammaGamma ? expectedAverageSpend(fitted.gammaGamma, customer.x, s.mx[i]!) : fitted.meanSpendPerDay;
      expect(predicted.probabilityAlive[i]).toBe(probabilityAlive(fitted.bgNbd, customer));
      expect(predicted.churnProbability[i]).toBe(probabilityNoPurchase(fitted.bgNbd, customer, 90));
      expect(predicted.expectedTransactions[i]).toBe(transactions);
      expect(predicted.expectedSpend[i]).toBe(transactions * perDay);
    }
  });

  it('refuses a negative horizon', () => {
    const fitted = models({ r: 0.6, alpha: 25, a: 1.4, b: 24, logLikelihood: 0, converged: true, iterations: 1 }, null);
    expect(() => predictBtyd(fitted, summaries(3, 1), -1)).toThrow(/horizon/);
  });
});
