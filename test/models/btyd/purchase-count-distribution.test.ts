import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectedTransactions,
  probabilityNoPurchase,
  purchaseCountMoments,
  purchaseCountProbabilities,
} from '../../../models/btyd/index.js';
import { simulateBgNbd } from './simulate-btyd.js';

/** The published CDNOW fit (Fader, Hardie & Lee 2005), times in weeks. */
const cdnowParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

const customerArbitrary = fc
  .record({ x: fc.integer({ min: 0, max: 60 }), T: fc.double({ min: 0.5, max: 100, noNaN: true }), share: fc.double({ min: 0, max: 1, noNaN: true }) })
  .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }));

describe('purchaseCountProbabilities', () => {
  it('sums to 1, puts probabilityNoPurchase at 0 and has expectedTransactions as its mean', () => {
    fc.assert(
      fc.property(customerArbitrary, fc.double({ min: 1, max: 104, noNaN: true }), (customer, horizon) => {
        const probabilities = purchaseCountProbabilities(cdnowParams, customer, horizon);
        const moments = purchaseCountMoments(cdnowParams, customer, horizon);
        const total = probabilities.reduce((sum, p) => sum + p, 0);

        expect(total).toBeCloseTo(1, 9);
        expect(probabilities.every((p) => p >= 0)).toBe(true);
        expect(moments.none).toBeCloseTo(probabilityNoPurchase(cdnowParams, customer, horizon), 12);
        expect(moments.mean / expectedTransactions(cdnowParams, customer, horizon)).toBeCloseTo(1, 7);
        expect(moments.meanSquare).toBeGreaterThanOrEqual(moments.mean);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the counts customers drawn from the model go on to make, in aggregate', () => {
    const customers = simulateBgNbd(cdnowParams, 20_000, [26, 39], 39, 17);
    const expected = [0, 0, 0, 0, 0];
    const observed = [0, 0, 0, 0, 0];
    for (const customer of customers) {
      purchaseCountProbabilities(cdnowParams, customer, 39).forEach((p, n) => (expected[Math.min(n, 4)]! += p));
      observed[Math.min(customer.holdoutTransactions, 4)]! += 1;
    }

    expected.forEach((count, n) => expect(Math.abs(observed[n]! - count)).toBeLessThan(4 * Math.sqrt(count) + 5));
    expect(observed[4]).toBeGreaterThan(100);
  });

  it('reaches a heavy buyer\'s bulk, where P(no purchase) underflows, and its far tail', () => {
    const heavy = { x: 2000, tx: 100, T: 100 };

    const moments = purchaseCountMoments(cdnowParams, heavy, 104);

    expect(moments.mean / expectedTransactions(cdnowParams, heavy, 104)).toBeCloseTo(1, 6);
    expect(moments.none).toBeLessThan(0.001);
    expect(moments.mean).toBeGreaterThan(1000);
    expect(moments.meanSquare - moments.mean ** 2).toBeGreaterThan(moments.mean);
  });
});
