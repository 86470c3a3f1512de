import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestCommand } from '../../../infra/local/cli/commands/backtest-command.js';
import { syntheticOrdersCsv } from '../../models/backtest/synthetic-orders.js';

describe('segments backtest', () => {
  let dir: string;
  let orders: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backtest-cli-'));
    orders = path.join(dir, 'orders.csv');
    const csv = syntheticOrdersCsv(300, 400, 5).replace('customer_id,order_date,amount', 'Client,Day,Revenue');
    await writeFile(orders, csv, 'utf8');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads mapped columns, prints the chosen family, why and the counts, and writes the predictions CSV', async () => {
    const out = path.join(dir, 'predictions.csv');
    const lines: string[] = [];

    await backtestCommand(
      { orders, asOf: '2023-11-30', horizonDays: 60, out, seed: 1, map: ['customer_id=Client', 'order_date=Day', 'amount=Revenue'] },
      (line) => lines.push(line),
    );

    const printed = lines.join('\n');
    expect(printed).toMatch(/Model family: BG\/NBD \+ Gamma-Gamma/);
    expect(printed).toMatch(/why: no network: network training window .* only \d+ customers/);
    expect(printed).toMatch(/rows read, 0 rejected and skipped, \d+ dated after as-of \(kept out of the fit; used only to score it\)/);
    expect(printed).toMatch(/^Scored against what happened in \(2023-11-30, 2024-01-29\]/m);
    const [header, first] = (await readFile(out, 'utf8')).split('\n');
    expect(header).toBe('customer_id,churn_probability,predicted_value');
    expect(first).toMatch(/^C\d+,0\.\d{6},\d+\.\d{4}$/);
  });
});
