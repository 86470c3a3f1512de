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
  // Every core: validation is row by row, and every sum after it is exact or orders its terms
  // itself (the purchase history), so the same input and seed give the same output to the bit
  // however the threads split the rows.
  const db = await openDuckDb({ tempDirectory: workDir, threads: availableParallelism() });
  try {
    const timer = input.timer ?? new StepTimer();
    const loaded = await timer.time('load orders', () => loadBacktestOrders(db, { ordersPath: input.ordersPath, asOf: input.asOf, horizonDays: input.horizonDays, workDir, ...(input.mapping ? { mapping: input.mapping } : {}) }));
    const outcome = await backtestOrders(db, loaded, input);
    return { ...outcome, loaded, backend };
  } finally {
    db.close();
    await rm(workDir, { recursive: true, force: true });
  }
}
