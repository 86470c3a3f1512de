import path from 'node:path';
import { formatModelCard } from '../../../../models/model-families/format-model-card.js';
import { runBacktest, type RunBacktestResult } from '../../../../models/backtest/run-backtest.js';
import { writePredictionsCsv } from '../../../../models/backtest/write-predictions-csv.js';
import { formatBacktestEvaluation } from '../../../../models/backtest/format-backtest-evaluation.js';
import type { BacktestEvaluation } from '../../../../models/backtest/backtest-evaluation.js';
import { StepTimer } from '../../../../models/progress/step-timer.js';
import { parseColumnMappings } from './parse-column-mappings.js';
import { asOutput, type OutputTarget } from '../output/command-output.js';
import type { ModelCard } from '../../../../models/churn-clv/index.js';

export interface BacktestCommandOptions {
  orders: string;
  asOf: string;
  horizonDays: number;
  out: string;
  map?: string[];
  seed: number;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** What `backtest --json` prints: the run's counts, model card and scores (the predictions are in the CSV). */
export interface BacktestSummary {
  orders: string;
  asOf: string;
  horizonDays: number;
  seed: number;
  rows: { read: number; rejected: number; afterAsOf: number; rejectedByReason: Record<string, number> };
  card: ModelCard;
  /** The predictions scored against the horizon after as-of beside both baselines (status 'scored'), or why not. */
  evaluation: BacktestEvaluation;
  predictions: { customers: number; file: string };
  backend: string;
  seconds: number;
}

export const backtestSummary = (options: BacktestCommandOptions, result: RunBacktestResult, seconds: number): BacktestSummary => ({
  orders: options.orders,
  asOf: options.asOf,
  horizonDays: options.horizonDays,
  seed: options.seed,
  rows: {
    read: result.loaded.report.rowsRead,
    rejected: result.loaded.report.rowsQuarantined,
    afterAsOf: result.loaded.rowsAfterAsOf,
    rejectedByReason: result.loaded.report.quarantineReasons,
  },
  card: result.card,
  evaluation: result.evaluation,
  predictions: { customers: result.predictions.customerIds.length, file: path.resolve(options.out) },
  backend: result.backend,
  seconds,
});

/**
 * `segments backtest`: predicts churn and spend in (as-of, as-of + horizon] for every customer
 * with an order on or before as-of, from that history alone, writes them as CSV, and scores them
 * (beside both baselines) against the file's orders in that horizon when it covers it.
 */
export async function backtestCommand(
  options: BacktestCommandOptions,
  target: OutputTarget,
): Promise<RunBacktestResult & { summary: BacktestSummary }> {
  const out = asOutput(target);
  const log = out.data;
  const progress = out.progress;
  const started = performance.now();
  const mapping = parseColumnMappings(options.map ?? [], { kinds: ['orders'], option: '--map' }).orders;
  const step = out.longStep?.('backtest (features, validation, fit, predictions, scores)');
  const result = await runBacktest({
    ordersPath: options.orders,
    asOf: options.asOf,
    horizonDays: options.horizonDays,
    seed: options.seed,
    timer: new StepTimer(({ step, seconds }) => progress(`… ${step} done in ${seconds.toFixed(1)} s`)),
    ...(mapping ? { mapping } : {}),
  }).catch((error: unknown) => {
    step?.end(false);
    throw error;
  });
  step?.end(true);
  // Printed once it succeeded: a command that fails leaves nothing on stdout.
  log(`Backtest of ${options.orders} as of ${options.asOf}, horizon ${options.horizonDays} days, seed ${options.seed}`);
  const { report, rowsAfterAsOf } = result.loaded;
  const reasons = Object.entries(report.quarantineReasons).map(([reason, n]) => `${reason}: ${count(n)}`).join(', ');
  log(`Orders: ${count(report.rowsRead)} rows read, ${count(report.rowsQuarantined)} rejected and skipped${reasons ? ` (${reasons})` : ''}, ${count(rowsAfterAsOf)} dated after as-of (kept out of the fit; used only to score it)`);
  formatModelCard(result.card).forEach(log);
  const { evaluation } = result;
  if (evaluation.status === 'scored') formatBacktestEvaluation(evaluation).forEach(log);
  else out.warn(`warning: not scored: ${evaluation.message}`);
  await writePredictionsCsv(options.out, result.predictions);
  const seconds = (performance.now() - started) / 1000;
  log(`Wrote ${count(result.predictions.customerIds.length)} predictions to ${path.resolve(options.out)} in ${seconds.toFixed(1)} s (TensorFlow.js backend: ${result.backend})`);
  return { ...result, summary: backtestSummary(options, result, seconds) };
}
