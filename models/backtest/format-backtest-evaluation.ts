import { cardNumber } from '../model-families/btyd/btyd-card-rows.js';
import { BACKTEST_MODELS, COMPARED_METRICS, type BacktestModelKey, type BacktestModelMetrics, type ComparedMetric } from './backtest-comparison.js';
import type { ScoredBacktest } from './backtest-evaluation.js';

const count = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

const MODEL_NAMES: Record<BacktestModelKey, string> = { product: 'product', btyd: 'BTYD', gradientBoosting: 'gradient boosting' };

function metricLabel(metric: ComparedMetric, observed: BacktestModelMetrics): string {
  if (metric.better !== 'nearer') return `${metric.label} (${metric.better} is better)`;
  const target = observed[metric.target!];
  return `${metric.label} (nearer ${metric.target === 'clvActualTotal' ? count(target) : cardNumber(target)} is better)`;
}

const cell = (metric: ComparedMetric, metrics: BacktestModelMetrics | null): string => {
  if (!metrics) return 'n/a';
  const value = metrics[metric.key];
  return metric.key === 'clvPredictedTotal' && Number.isFinite(value) ? count(value) : cardNumber(value);
};

/**
 * The scored backtest as printable lines: the horizon and who was scored, then a table of the
 * compared metrics (metric | product | BTYD | gradient boosting | better) and why a model is missing.
 */
export function formatBacktestEvaluation(evaluation: ScoredBacktest): string[] {
  const { window, models } = evaluation;
  const header = [
    `Scored against what happened in (${window.after}, ${window.until}] (the file's last order: ${evaluation.lastOrder}): ` +
      `${count(evaluation.customers)} customers, ${pct(evaluation.churnRate)} churned, actual spend ${count(models.product.clvActualTotal)}` +
      (evaluation.newCustomers > 0 ? `; ${count(evaluation.newCustomers)} new customers bought in it (no history, so not predicted or scored)` : ''),
  ];
  const columns = [`product (${evaluation.productFamily})`, 'BTYD', 'gradient boosting', 'better'];
  const rows = COMPARED_METRICS.map((metric) => [
    metricLabel(metric, models.product),
    ...BACKTEST_MODELS.map((key) => cell(metric, models[key])),
    evaluation.better[metric.key].map((key) => MODEL_NAMES[key]).join(' = ') || 'n/a',
  ]);
  const labelWidth = Math.max('metric'.length, ...rows.map((row) => row[0]!.length));
  const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => row[i + 1]!.length)));
  const line = (label: string, cells: string[]) =>
    `  ${label.padEnd(labelWidth)}${cells.map((c, i) => (i === cells.length - 1 ? `   ${c}` : `  ${c.padStart(widths[i]!)}`)).join('')}`.trimEnd();
  const table = [line('metric', columns), ...rows.map(([label, ...cells]) => line(label!, cells))];
  const missing = BACKTEST_MODELS.flatMap((key) => {
    const why = evaluation.unavailable[key];
    return why ? [`  ${MODEL_NAMES[key]}: n/a, ${why}`] : [];
  });
  return [
    ...header,
    ...table,
    ...missing,
    '  BTYD: BG/NBD + Gamma-Gamma as fitted on the same history, uncalibrated; gradient boosting: HistGradientBoosting on the',
    '  features without BTYD, trained on the last horizon before as-of (the labels the final networks learn from)',
  ];
}
