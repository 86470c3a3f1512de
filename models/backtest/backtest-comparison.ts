import type { CalibrationInTheLarge, EvaluationMetrics } from '../evaluation/index.js';

/** The three models a backtest scores: what the product serves, and the two baselines fitted on the same history. */
export const BACKTEST_MODELS = ['product', 'btyd', 'gradientBoosting'] as const;
export type BacktestModelKey = (typeof BACKTEST_MODELS)[number];

/** Every metric of one model's predictions against what happened in the horizon. */
export type BacktestModelMetrics = EvaluationMetrics & CalibrationInTheLarge;

export type ComparedMetricKey = 'churnAuc' | 'churnBrier' | 'clvNormalizedGini' | 'clvDecileMape' | 'churnMeanPredicted' | 'clvPredictedTotal';

export interface ComparedMetric {
  key: ComparedMetricKey;
  label: string;
  /** 'nearer': nearer to `target`, the observed value, is better (calibration in the large). */
  better: 'higher' | 'lower' | 'nearer';
  target?: keyof CalibrationInTheLarge;
}

/** The metrics a backtest compares the models on, in the order it prints them. */
export const COMPARED_METRICS: readonly ComparedMetric[] = [
  { key: 'churnAuc', label: 'churn AUC', better: 'higher' },
  { key: 'churnBrier', label: 'churn Brier score', better: 'lower' },
  { key: 'clvNormalizedGini', label: 'value normalised Gini', better: 'higher' },
  { key: 'clvDecileMape', label: 'value decile MAPE', better: 'lower' },
  { key: 'churnMeanPredicted', label: 'mean churn probability', better: 'nearer', target: 'churnObserved' },
  { key: 'clvPredictedTotal', label: 'total predicted spend', better: 'nearer', target: 'clvActualTotal' },
];

/** Relative tolerance under which two models count as equally good on a metric (the product can be a baseline). */
const TIE = 1e-9;

/**
 * The models that do best on `metric`, in BACKTEST_MODELS order: one, or several when they tie;
 * none when no model has a finite value. Models absent from `models` take no part.
 */
export function bestModels(metric: ComparedMetric, models: Partial<Record<BacktestModelKey, BacktestModelMetrics>>): BacktestModelKey[] {
  const loss = (m: BacktestModelMetrics): number => {
    const value = m[metric.key];
    if (metric.better === 'higher') return -value;
    if (metric.better === 'lower') return value;
    return Math.abs(value - m[metric.target!]);
  };
  const losses = BACKTEST_MODELS.flatMap((key) => {
    const metrics = models[key];
    const value = metrics ? loss(metrics) : Number.NaN;
    return Number.isFinite(value) ? [{ key, value }] : [];
  });
  if (losses.length === 0) return [];
  const best = Math.min(...losses.map((l) => l.value));
  return losses.filter((l) => l.value - best <= TIE * Math.max(1, Math.abs(best))).map((l) => l.key);
}
