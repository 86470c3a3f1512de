import { describe, expect, it } from 'vitest';
import { fitBgNbdBounded } from '../../../models/btyd-predictor/fit-bg-nbd-bounded.js';
import { fitGammaGammaScaled } from '../../../models/btyd-predictor/fit-gamma-gamma-scaled.js';
import { cdnowAvailable, cdnowMissingMessage, readCdnowSummary } from '../btyd/cdnow-fixture.js';

const within = (actual: number, expected: number, tolerance = 0.01) => expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);

describe.skipIf(!cdnowAvailable)(`bounded BTYD fits on CDNOW (${cdnowAvailable ? 'data present' : cdnowMissingMessage})`, () => {
  it('BG/NBD in days reproduces the published fit (alpha in weeks x 7)', () => {
    const customers = readCdnowSummary().map(({ x, tx, T }) => ({ x, tx: tx * 7, T: T * 7 }));

    const fit = fitBgNbdBounded(customers);

    within(fit.r, 0.243);
    within(fit.alpha, 4.414 * 7);
    within(fit.a, 0.793);
    within(fit.b, 2.426);
  });

  it('Gamma-Gamma with spends rescaled reproduces the published fit, in dollars', () => {
    const repeatBuyers = readCdnowSummary().filter((c) => c.x > 0).map(({ x, mx }) => ({ x, mx }));

    const fit = fitGammaGammaScaled(repeatBuyers);

    within(fit.p, 6.25);
    within(fit.q, 3.74);
    within(fit.v, 15.44);
  });
});

describe('bounded BG/NBD fit', () => {
  it('stops on the a -> 0 ridge of data without dropout, with a negligible dropout probability', () => {
    // Regular buyers who never stop: every customer bought every 10 days until the end.
    const customers = Array.from({ length: 300 }, (_, i) => {
      const T = 100 + (i % 200);
      const x = Math.floor(T / (10 + (i % 7)));
      return { x, tx: x * (10 + (i % 7)), T };
    });

    const fit = fitBgNbdBounded(customers);

    expect(fit.a / (fit.a + fit.b)).toBeLessThan(1e-3);
    expect(fit.iterations).toBeLessThan(4 * 2000);
  });
});
