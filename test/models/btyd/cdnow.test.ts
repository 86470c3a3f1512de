import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectedTransactions,
  fitBgNbd,
  fitGammaGamma,
  probabilityAlive,
  summarizeTransactions,
  type BgNbdFit,
  type CustomerTransactionSummary,
} from '../../../models/btyd/index.js';
import {
  cdnowAvailable,
  cdnowMissingMessage,
  readCdnowFrequencyRecency,
  readCdnowSummary,
  readCdnowTransactions,
  type CdnowSummaryRow,
} from './cdnow-fixture.js';

/** Fader, Hardie & Lee (2005), table in section 4; Fader & Hardie (2013) for the spend model. */
const publishedBgNbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 };
const publishedGammaGamma = { p: 6.25, q: 3.74, v: 15.44 };
/** End of the 39-week calibration period (1997-01-01 to 1997-09-30). */
const calibrationEnd = '1997-09-30';

function expectWithinOnePercent(actual: number, expected: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(0.01);
}

function expectPublishedBgNbd(fit: BgNbdFit): void {
  expect(fit.converged).toBe(true);
  expectWithinOnePercent(fit.r, publishedBgNbd.r);
  expectWithinOnePercent(fit.alpha, publishedBgNbd.alpha);
  expectWithinOnePercent(fit.a, publishedBgNbd.a);
  expectWithinOnePercent(fit.b, publishedBgNbd.b);
  expectWithinOnePercent(fit.logLikelihood, publishedBgNbd.logLikelihood);
}

const suiteName = cdnowAvailable ? 'CDNOW sample (Fader, Hardie & Lee 2005)' : cdnowMissingMessage;

describe.skipIf(!cdnowAvailable)(suiteName, () => {
  let summaryCsv: CdnowSummaryRow[];
  let summarizedFromRaw: CustomerTransactionSummary[];
  beforeAll(() => {
    summaryCsv = readCdnowSummary();
    summarizedFromRaw = summarizeTransactions(readCdnowTransactions(), calibrationEnd, 7);
  });

  it('summarizes the raw transactions into the published calibration summary (2 decimals)', () => {
    // Arrange
    const csvById = new Map(summaryCsv.map((row) => [row.id, row]));

    // Act
    const mismatches = summarizedFromRaw.filter((summary) => {
      const row = csvById.get(summary.customerId);
      if (row === undefined) return true;
      const gaps = [summary.x - row.x, summary.tx - row.tx, summary.T - row.T, summary.mx - row.mx];
      return gaps.some((gap) => Math.abs(gap) > 0.0051);
    });

    // Assert
    expect(summarizedFromRaw).toHaveLength(2357);
    expect(mismatches).toEqual([]);
    expect(summarizedFromRaw.filter(({ x }) => x > 0)).toHaveLength(946);
  });

  it('reproduces the published BG/NBD fit from each summary CSV', () => {
    // Arrange
    const frequencyRecency = readCdnowFrequencyRecency();

    // Act
    const fit = fitBgNbd(frequencyRecency);
    const fitWithSpend = fitBgNbd(summaryCsv);

    // Assert
    expectPublishedBgNbd(fit);
    expectPublishedBgNbd(fitWithSpend);
  });

  it('reproduces the published BG/NBD fit from the raw transaction file', () => {
    // Act
    const fit = fitBgNbd(summarizedFromRaw);

    // Assert
    expectPublishedBgNbd(fit);
  });

  it('reproduces the published Gamma-Gamma fit on the 946 repeat buyers, from the CSV and from the raw file', () => {
    // Arrange
    const repeatBuyersCsv = summaryCsv.filter(({ x }) => x > 0);
    const repeatBuyersRaw = summarizedFromRaw.filter(({ x }) => x > 0);

    // Act
    const fits = [fitGammaGamma(repeatBuyersCsv), fitGammaGamma(repeatBuyersRaw)];

    // Assert
    expect(repeatBuyersCsv).toHaveLength(946);
    for (const fit of fits) {
      expect(fit.converged).toBe(true);
      expectWithinOnePercent(fit.p, publishedGammaGamma.p);
      expectWithinOnePercent(fit.q, publishedGammaGamma.q);
      expectWithinOnePercent(fit.v, publishedGammaGamma.v);
    }
  });

  it('predicts the paper\'s example customer (x = 2, tx = 30.43, T = 38.86) from the fitted model', () => {
    // Arrange
    const fit = fitBgNbd(summaryCsv);
    const customer = { x: 2, tx: 30.43, T: 38.86 };

    // Act
    const nextYear = expectedTransactions(fit, customer, 39);
    const alive = probabilityAlive(fit, customer);

    // Assert
    expect(nextYear).toBeCloseTo(1.226, 2);
    expect(alive).toBeGreaterThan(0.7);
    expect(alive).toBeLessThan(0.75);
  });
});
