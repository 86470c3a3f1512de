import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictionMetrics, type PredictionMetrics } from '../../../models/model-families/index.js';
import { runBacktest, type RunBacktestResult } from '../../../models/backtest/run-backtest.js';
import { actualSpend, cdnowAvailable, cdnowPath, prepareCdnow } from './real-data-fixture.js';

const skipMessage = cdnowAvailable ? '' : ` (skipped: ${cdnowPath} not found)`;

/** The CDNOW cohort bought first in 1997-01..03: three months of history for a 180-day horizon. */
describe.skipIf(!cdnowAvailable)(`backtest on CDNOW as of 1997-03-31, 180 days: history shorter than the horizon${skipMessage}`, () => {
  let dir: string;
  let result: RunBacktestResult;
  let metrics: PredictionMetrics;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cdnow-'));
    const orders = path.join(dir, 'cdnow.csv');
    await prepareCdnow(orders);
    result = await runBacktest({ ordersPath: orders, asOf: '1997-03-31', horizonDays: 180, seed: 1 });
    metrics = predictionMetrics(result.predictions, await actualSpend(orders, '1997-03-31', '1997-09-27'));
  }, 60_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('falls back to BG/NBD + Gamma-Gamma and says why', () => {
    expect(result.card.family).toBe('btyd');
    expect(result.card.reason).toMatch(/too little data to validate/);
    expect(result.card.network).toBeUndefined();
  });

  it('scores itself on the file\'s later orders as BG/NBD + Gamma-Gamma, with no gradient-boosting baseline for lack of labels', () => {
    const { evaluation } = result;

    expect(evaluation.status).toBe('scored');
    if (evaluation.status !== 'scored') return;
    expect(evaluation.models.product.churnAuc).toBeCloseTo(metrics.churnAuc, 9);
    expect(evaluation.models.btyd.churnAuc).toBe(evaluation.models.product.churnAuc);
    expect(evaluation.models.gradientBoosting).toBeNull();
    expect(evaluation.unavailable.gradientBoosting).toMatch(/no labelled window before as-of/);
    expect(evaluation.better.churnAuc).toEqual(['product', 'btyd']);
  });

  it('still ranks and sizes customers sensibly', () => {
    expect(metrics.churnAuc).toBeGreaterThan(0.65);
    expect(metrics.clvNormalizedGini).toBeGreaterThan(0.45);
    expect(metrics.clvDecileMape).toBeLessThan(0.4);
  });
});
