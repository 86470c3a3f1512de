import { describe, expect, it } from 'vitest';
import { robustExpectedTransactions } from '../../../models/btyd-predictor/index.js';
import { expectedAverageSpend } from '../../../models/btyd/index.js';
import { discountedExpectedOrders, firstDayReaching } from '../../../models/scoring/index.js';

/** The published CDNOW fits (Fader, Hardie & Lee 2005; Fader & Hardie 2013), times in weeks. */
const bgNbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gammaGamma = { p: 6.25, q: 3.74, v: 15.44 };

/**
 * lifetimes' documented `ggf.customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01)` on its
 * CDNOW summary (customers 1, 2, 3, 6, 7, 9): twelve periods of 30 time units (weeks in that data,
 * with its default freq 'D'), each discounted by 1.01 per period at its end.
 */
const LIFETIMES_CLV = [
  { id: 1, x: 2, tx: 30.43, T: 38.86, mx: 22.35, clv: 140.096211 },
  { id: 2, x: 1, tx: 1.71, T: 38.86, mx: 11.77, clv: 18.943467 },
  { id: 3, x: 0, tx: 0, T: 38.86, mx: 0, clv: 38.180574 },
  { id: 6, x: 7, tx: 29.43, T: 38.86, mx: 73.74, clv: 1003.868107 },
  { id: 7, x: 1, tx: 5, T: 38.86, mx: 11.77, clv: 28.109683 },
  { id: 9, x: 2, tx: 35.71, T: 38.86, mx: 25.55, clv: 167.418216 },
];

describe("the expected order value lifetimes' customer_lifetime_value multiplies by", () => {
  it("is lifetimes' documented conditional_expected_average_profit on CDNOW (customers 1, 2, 3, 6, 9) to 0.3%", () => {
    const documented = [24.658619, 18.911489, 35.170981, 71.462843, 27.282408];
    [0, 1, 2, 3, 5].forEach((row, i) => {
      const { x, mx } = LIFETIMES_CLV[row]!;

      expect(Math.abs(expectedAverageSpend(gammaGamma, x, mx) / documented[i]! - 1)).toBeLessThan(0.003);
    });
  });
});

describe('discountedExpectedOrders', () => {
  it("reproduces lifetimes' customer_lifetime_value on CDNOW to 0.3% with the published parameters", () => {
    // 1.01 per 30 units is this annual rate over 365 units.
    const annualRate = 1.01 ** (365 / 30) - 1;
    for (const customer of LIFETIMES_CLV) {
      const orders = discountedExpectedOrders((t) => robustExpectedTransactions(bgNbd, customer, t), 360, annualRate);
      const clv = orders * expectedAverageSpend(gammaGamma, customer.x, customer.mx);

      expect(Math.abs(clv / customer.clv - 1), `customer ${customer.id}`).toBeLessThan(0.003);
    }
  });

  it('is the expected orders over the whole horizon without discount, and less with it', () => {
    const customer = LIFETIMES_CLV[0]!;
    const curve = (t: number) => robustExpectedTransactions(bgNbd, customer, t);

    expect(discountedExpectedOrders(curve, 365, 0)).toBe(curve(365));
    expect(discountedExpectedOrders(curve, 365, 0.1)).toBeLessThan(curve(365));
    expect(discountedExpectedOrders(curve, 365, 0.1)).toBeGreaterThan(curve(365) / 1.1);
  });
});

describe('firstDayReaching', () => {
  it('finds the first whole day the curve reaches the target, or null beyond the last day', () => {
    const curve = (days: number) => days / 40;

    expect(firstDayReaching(curve, 1, 365)).toBe(40);
    expect(firstDayReaching((days) => days / 40.5, 1, 365)).toBe(41);
    expect(firstDayReaching(curve, 1, 39)).toBeNull();
    expect(firstDayReaching(() => 5, 1, 365)).toBe(1);
  });
});
