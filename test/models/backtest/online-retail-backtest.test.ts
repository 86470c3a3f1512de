import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictionMetrics, type PredictionMetrics } from '../../../models/model-families/index.js';
import { runBacktest, type RunBacktestResult } from '../../../models/backtest/run-backtest.js';
import { actualSpend, onlineRetailAvailable, onlineRetailPath, prepareOnlineRetail } from './real-data-fixture.js';

const skipMessage = onlineRetailAvailable ? '' : ` (skipped: ${onlineRetailPath} not found)`;

describe.skipIf(!onlineRetailAvailable)(`backtest on Online Retail as of 2011-09-09, 90 days${skipMessage}`, () => {
  let dir: string;
  let result: RunBacktestResult;
  let metrics: PredictionMetrics;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'online-retail-'));
    const orders = path.join(dir, 'online-retail-daily.csv');
    await prepareOnlineRetail(orders);
    result = await runBacktest({ ordersPath: orders, asOf: '2011-09-09', horizonDays: 90, seed: 1 });
    metrics = predictionMetrics(result.predictions, await actualSpend(orders, '2011-09-09', '2011-12-08'));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('predicts the 3,370 customers with an order on or before as-of (43% churned)', () => {
    expect(metrics.customers).toBe(3370);
    expect(metrics.churnRate).toBeCloseTo(0.43, 2);
  });

  it('meets the churn goals: AUC >= 0.733 and Brier <= 0.215', () => {
    expect(metrics.churnAuc).toBeGreaterThanOrEqual(0.733);
    expect(metrics.churnBrier).toBeLessThanOrEqual(0.215);
  });

  it('meets the value goals: normalised Gini >= 0.774 and decile MAPE <= 0.30', () => {
    expect(metrics.clvNormalizedGini).toBeGreaterThanOrEqual(0.774);
    expect(metrics.clvDecileMape).toBeLessThanOrEqual(0.3);
  });

  it('scores itself on (2011-09-09, 2011-12-08] exactly as the issue\'s preparation does, beside both baselines', () => {
    const { evaluation } = result;

    expect(evaluation.status).toBe('scored');
    if (evaluation.status !== 'scored') return;
    expect(evaluation.window).toEqual({ after: '2011-09-09', until: '2011-12-08' });
    for (const key of ['customers', 'churnRate', 'churnAuc', 'churnBrier', 'clvNormalizedGini', 'clvDecileMape'] as const) {
      expect(evaluation.models.product[key], key).toBeCloseTo(metrics[key], 9);
    }
    expect(evaluation.models.btyd.churnAuc).toBeGreaterThan(0.7);
    expect(evaluation.models.gradientBoosting?.churnAuc).toBeGreaterThan(0.65);
    expect(evaluation.better.churnAuc).toContain('product');
  });

  it('validated the network on the time split and reports both baselines on it', () => {
    expect(result.card.family).not.toBe('btyd');
    expect(result.card.baselines['bg-nbd+gamma-gamma']?.customers).toBe(result.card.samples.validation?.customers);
    expect(result.card.baselines['gradient-boosting']?.customers).toBe(result.card.samples.validation?.customers);
    expect(result.card.candidates.ziln).toBeDefined();
  });
});
