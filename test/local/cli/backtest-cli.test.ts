import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestSummary } from '../../../infra/local/cli/commands/backtest-command.js';
import { syntheticOrdersCsv } from '../../models/backtest/synthetic-orders.js';
import { runSegments, type EndedProcess } from '../../support/segments-process.js';

/**
 * `segments backtest` as a process: the scores on stdout (one JSON document with --json), progress
 * and the reason a backtest is not scored on stderr, and the documented exit codes.
 */
const dir = mkdtempSync(join(tmpdir(), 'segments-backtest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const segments = (args: string[]): Promise<EndedProcess> => runSegments(args, { cwd: dir });

/** 300 customers' orders from 2023-01-01 over 480 days: as of 2023-11-30, the 60-day horizon is in the file. */
const orders = join(dir, 'orders.csv');
const backtest = (extra: string[], asOf = '2023-11-30', out = 'predictions.csv') =>
  segments(['backtest', '--orders', orders, '--as-of', asOf, '--horizon-days', '60', '--out', join(dir, out), ...extra]);

beforeAll(() => writeFileSync(orders, syntheticOrdersCsv(300, 480, 5)));

describe('segments backtest on a file that covers the horizon after as-of', () => {
  let json: EndedProcess;
  let text: EndedProcess;
  beforeAll(async () => {
    [json, text] = await Promise.all([backtest(['--json'], '2023-11-30', 'json.csv'), backtest([], '2023-11-30', 'text.csv')]);
  }, 300_000);

  it('--json: exit 0, and stdout is one JSON document with the scores of the product and both baselines', () => {
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as BacktestSummary;
    const { evaluation } = summary;

    expect(evaluation.status).toBe('scored');
    if (evaluation.status !== 'scored') return;
    expect(evaluation.window).toEqual({ after: '2023-11-30', until: '2024-01-29' });
    for (const model of [evaluation.models.product, evaluation.models.btyd, evaluation.models.gradientBoosting!]) {
      expect(model.customers).toBe(summary.predictions.customers);
      for (const key of ['churnAuc', 'churnBrier', 'clvNormalizedGini', 'clvDecileMape', 'churnMeanPredicted', 'churnObserved', 'clvPredictedTotal', 'clvActualTotal'] as const) {
        expect(typeof model[key], key).toBe('number');
      }
    }
    expect(evaluation.better.churnAuc.length).toBeGreaterThan(0);
    expect(json.stderr).toMatch(/… metrics on the horizon done in [\d.]+ s/);
    expect(json.stderr).not.toContain('"evaluation"');
  });

  it('text: the table of metric | product | BTYD | gradient boosting | better on stdout, progress on stderr only', () => {
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Scored against what happened in \(2023-11-30, 2024-01-29\]/m);
    expect(text.stdout).toMatch(/^ {2}metric +product \([a-z]+\) +BTYD +gradient boosting +better$/m);
    expect(text.stdout).toMatch(/^ {2}churn AUC \(higher is better\) +\d\.\d{3} +\d\.\d{3} +\d\.\d{3} +(product|BTYD|gradient boosting)/m);
    expect(text.stdout).toMatch(/^ {2}churn Brier score \(lower is better\) /m);
    expect(text.stdout).toMatch(/^ {2}value decile MAPE \(lower is better\) /m);
    expect(text.stdout).toMatch(/^ {2}mean churn probability \(nearer 0\.\d{3} is better\) /m);
    expect(text.stdout).not.toContain('…');
    expect(text.stderr).not.toContain('churn AUC');
  });
});

describe('segments backtest that cannot be scored, and its exit codes', () => {
  it('no orders after as-of: exit 0, the predictions, and on stderr why there are no scores and which --as-of to pass (even with --quiet)', async () => {
    const ended = await backtest(['--json', '--quiet'], '2024-06-30', 'unscored.csv');

    expect(ended.code, ended.stderr).toBe(0);
    const summary = JSON.parse(ended.stdout) as BacktestSummary;
    expect(summary.evaluation.status).toBe('no-orders-after-as-of');
    expect(summary.predictions.customers).toBe(300);
    expect(readFileSync(join(dir, 'unscored.csv'), 'utf8').split('\n')[0]).toBe('customer_id,churn_probability,predicted_value');
    expect(ended.stderr).toMatch(/^warning: not scored: No orders after as-of 2024-06-30 in the file .*pass an earlier --as-of: --as-of \d{4}-\d{2}-\d{2} is the latest/m);
    expect(ended.stderr).not.toContain('…');
  }, 120_000);

  it('exits 2 for a file with no usable orders on or before as-of, 3 for a missing file, 1 for a bad date, with nothing on stdout', async () => {
    const [rejected, missing, usage] = await Promise.all([
      backtest([], '2022-06-30'),
      segments(['backtest', '--orders', join(dir, 'nope.csv'), '--as-of', '2023-11-30', '--horizon-days', '60', '--out', join(dir, 'p.csv')]),
      backtest([], '2023-13-45'),
    ]);

    expect(rejected).toMatchObject({ code: 2, stdout: '' });
    expect(rejected.stderr).toMatch(/^error: No valid orders on or before 2022-06-30/m);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(usage.code).toBe(1);
    expect(usage.stdout).toBe('');
  }, 120_000);
});
