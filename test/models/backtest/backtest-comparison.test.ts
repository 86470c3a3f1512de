import { describe, expect, it } from 'vitest';
import { bestModels, COMPARED_METRICS, type BacktestModelMetrics, type ComparedMetricKey } from '../../../models/backtest/backtest-comparison.js';

const metric = (key: ComparedMetricKey) => COMPARED_METRICS.find((m) => m.key === key)!;

/** Metrics with only the fields a comparison reads; the rest are irrelevant here. */
const metrics = (values: Partial<BacktestModelMetrics>): BacktestModelMetrics =>
  ({ churnAuc: 0.7, churnBrier: 0.2, clvNormalizedGini: 0.6, clvDecileMape: 0.3, churnMeanPredicted: 0.5, churnObserved: 0.4, clvPredictedTotal: 900, clvActualTotal: 1000, ...values }) as BacktestModelMetrics;

describe('bestModels', () => {
  it('takes the higher AUC and Gini, and the lower Brier score and decile MAPE', () => {
    const models = {
      product: metrics({ churnAuc: 0.74, churnBrier: 0.22, clvNormalizedGini: 0.6, clvDecileMape: 0.5 }),
      btyd: metrics({ churnAuc: 0.73, churnBrier: 0.21, clvNormalizedGini: 0.7, clvDecileMape: 0.4 }),
      gradientBoosting: metrics({ churnAuc: 0.7, churnBrier: 0.25, clvNormalizedGini: 0.8, clvDecileMape: 0.3 }),
    };

    expect(bestModels(metric('churnAuc'), models)).toEqual(['product']);
    expect(bestModels(metric('churnBrier'), models)).toEqual(['btyd']);
    expect(bestModels(metric('clvNormalizedGini'), models)).toEqual(['gradientBoosting']);
    expect(bestModels(metric('clvDecileMape'), models)).toEqual(['gradientBoosting']);
  });

  it('takes the value nearer the observed one for calibration in the large, from either side', () => {
    const models = {
      product: metrics({ churnMeanPredicted: 0.45, clvPredictedTotal: 1150 }),
      btyd: metrics({ churnMeanPredicted: 0.37, clvPredictedTotal: 880 }),
      gradientBoosting: metrics({ churnMeanPredicted: 0.6, clvPredictedTotal: 1100 }),
    };

    expect(bestModels(metric('churnMeanPredicted'), models)).toEqual(['btyd']);
    expect(bestModels(metric('clvPredictedTotal'), models)).toEqual(['gradientBoosting']);
  });

  it('names every model that ties (the product may be a baseline), and leaves out missing or undefined values', () => {
    const same = metrics({ churnAuc: 0.74 });

    expect(bestModels(metric('churnAuc'), { product: same, btyd: same, gradientBoosting: metrics({ churnAuc: 0.7 }) })).toEqual(['product', 'btyd']);
    expect(bestModels(metric('churnAuc'), { product: metrics({ churnAuc: Number.NaN }), btyd: metrics({ churnAuc: 0.6 }) })).toEqual(['btyd']);
    expect(bestModels(metric('churnAuc'), { product: metrics({ churnAuc: Number.NaN }) })).toEqual([]);
  });
});
