import { mkdtemp, rm } from 'node:fs/promises';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { openDuckDb } from '../duckdb/duckdb-session.js';
import type { ColumnMapping } from '../extracts/index.js';
import { initTensorflow } from '../ziln/tensorflow-backend.js';
import { isoDay } from '../features/dates.js';
import { StepTimer } from '../progress/step-timer.js';
import { BacktestError } from './backtest-error.js';
import { backtestOrders, type BacktestOptions, type BacktestOutcome } from './backtest-orders.js';
import { loadBacktestOrders, type LoadedOrders } from './load-backtest-orders.js';

export interface RunBacktestInput extends BacktestOptions {
  ordersPath: string;
  mapping?: ColumnMapping;
}

export interface RunBacktestResult extends BacktestOutcome {
  loaded: LoadedOrders;
  backend: string;
}

/** Validates the orders file into a temporary folder, backtests it and removes the folder again. */
export async function runBacktest(input: RunBacktestInput): Promise<RunBacktestResult> {
  isoDay(input.asOf);
  if (!Number.isInteger(input.horizonDays) || input.horizonDays <= 0) {
    throw new BacktestError(`The horizon must be a positive whole number of days, not ${input.horizonDays}.`);
  }
  const backend = await initTensorflow();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'segments-backtest-'));
  // Validation is row by row, so it loads on every core; then one thread: parallel floating-point
  // sums differ in the last bits from run to run, and the fits downstream can amplify that; the
  // same input and seed must give the same output.
  const db = await openDuckDb({ tempDirectory: workDir, threads: availableParallelism() });
  try {
    const timer = input.timer ?? new StepTimer();
    const loaded = await timer.time('load orders', () => loadBacktestOrders(db, { ordersPath: input.ordersPath, asOf: input.asOf, horizonDays: input.horizonDays, workDir, ...(input.mapping ? { mapping: input.mapping } : {}) }));
    await db.run('SET threads = 1');
    const outcome = await backtestOrders(db, loaded, input);
    return { ...outcome, loaded, backend };
  } finally {
    db.close();
    await rm(workDir, { recursive: true, force: true });
  }
}
