/**
 * `npm run bench:backtest`: the model core's path (`segments backtest`: validate, features, fit
 * every family, predict) on generated customers with heterogeneous rates, lifetimes and spend,
 * seconds per step and peak RSS, side by side with the peer when it can run here.
 *
 * - BENCH_CUSTOMERS (default 200,000; the figures use 1,000,000).
 * - Orders come from ../shared/bench/gen_orders.mjs when present (the file the peer figures were
 *   measured on), else from the demo generator.
 * - The peer (pandas features + scikit-learn HistGradientBoosting, ../shared/bench/peer_time.py)
 *   runs on the same file first, when python3 with pandas and scikit-learn is installed.
 * The JSON goes to .bench/backtest-<customers>.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoData } from '../../infra/local/demo/index.js';
import { runBacktest } from '../../models/backtest/run-backtest.js';
import { StepTimer } from '../../models/progress/step-timer.js';
import { ensureHugePages } from '../../infra/local/runtime/huge-pages.js';

// As `segments backtest` runs: with transparent huge pages (infra/local/runtime/huge-pages.ts).
await ensureHugePages();

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200_000);
const HORIZON_DAYS = 90;
const root = path.resolve(import.meta.dirname, '../..');
const sharedBench = path.resolve(root, '../shared/bench');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-backtest-bench-'));
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(1));

/** gen_orders.mjs spans 2023-01-01 .. 2025-12-31 and the demo data end on 2024-12-31: as-of leaves a horizon of later orders. */
function generateOrders(): { file: string; source: string; asOf: string } {
  const file = path.join(dir, 'orders.csv');
  const generator = path.join(sharedBench, 'gen_orders.mjs');
  if (fs.existsSync(generator)) {
    // The generator resolves @duckdb/node-api from its own folder: run a copy beside our node_modules.
    const copy = path.join(dir, 'gen_orders.mjs');
    fs.copyFileSync(generator, copy);
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    execFileSync(process.execPath, [copy, String(CUSTOMERS), file], { stdio: ['ignore', 'ignore', 'inherit'] });
    return { file, source: '../shared/bench/gen_orders.mjs', asOf: '2025-06-30' };
  }
  return { file: '', source: 'demo generator', asOf: '2024-09-30' };
}

/** The peer's wall time and peak RSS, or why it did not run. */
function runPeer(orders: string, asOf: string): Record<string, unknown> {
  const script = path.join(sharedBench, 'peer_time.py');
  if (!fs.existsSync(script)) return { skipped: `${script} not found` };
  const probe = spawnSync('python3', ['-c', 'import pandas, sklearn'], { encoding: 'utf8' });
  if (probe.status !== 0) return { skipped: 'python3 with pandas and scikit-learn is not installed (pip install pandas scikit-learn scipy)' };
  const wrapper = `import resource, subprocess, sys, time
t = time.time()
out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout.strip()
print(f"{time.time() - t:.1f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} {out}")`;
  const result = spawnSync('python3', ['-c', wrapper, 'python3', script, orders, asOf, String(HORIZON_DAYS)], { encoding: 'utf8' });
  if (result.status !== 0) return { skipped: `the peer failed: ${result.stderr.trim().split('\n').pop()}` };
  const [wall, rss, ...rest] = result.stdout.trim().split(' ');
  return { seconds: Number(wall), peakRssMb: Number(rss), output: rest.join(' ') };
}

try {
  let started = performance.now();
  let { file, source, asOf } = generateOrders();
  if (!file) {
    const written = await writeDemoData(path.join(dir, 'demo'), { customers: CUSTOMERS, prospects: 0, seed: 42 });
    file = written.paths.orders;
  }
  const generateSeconds = seconds(started);
  const peer = runPeer(file, asOf);

  const steps: { step: string; seconds: number; rssMb: number }[] = [];
  const timer = new StepTimer(({ step, seconds: s }) => {
    steps.push({ step, seconds: s, rssMb: Math.round(process.memoryUsage().rss / 1_048_576) });
    process.stderr.write(`… ${step} done in ${s.toFixed(1)} s\n`);
  });
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await runBacktest({ ordersPath: file, asOf, horizonDays: HORIZON_DAYS, seed: 1, timer });
  const cpu = process.cpuUsage(cpuBefore);
  // Every thread's CPU time (DuckDB's, the baselines', V8's): against seconds x cores, how much of the machine the run used.
  const cpuSeconds = Number(((cpu.user + cpu.system) / 1e6).toFixed(1));
  const ours = { seconds: seconds(started), cpuSeconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), customers: result.predictions.customerIds.length, family: result.card.family, steps: steps.length };
  // The network-scoring target, wherever the ensemble (every member) scores: every customer
  // as of as-of when the chosen family uses the networks (the predictions step is that scoring,
  // plus the blend's arithmetic for the blend; the as-of baseline's thread shares the cores), and
  // the validation sample (at most 250,000 customers, while both baselines' threads share them).
  const rate = (step: string, customers: number | undefined) => {
    const timed = steps.find((s) => s.step === step);
    return timed && customers ? { step, customers, seconds: timed.seconds, customersPerSecond: Math.round(customers / timed.seconds) } : null;
  };
  const networkScoring = {
    asOf: result.card.network ? rate('predictions', result.predictions.customerIds.length) : null,
    validationSample: rate('validation scoring (ziln)', result.card.split?.scoredCustomers ?? result.card.samples.validation?.customers),
  };
  console.table(steps);
  const ratio = typeof peer.seconds === 'number' ? { timeVsPeer: Number((ours.seconds / peer.seconds).toFixed(2)), rssVsPeer: Number((ours.peakRssMb / (peer.peakRssMb as number)).toFixed(2)) } : {};
  const summary = { customers: CUSTOMERS, cores: os.availableParallelism(), orders: source, generateSeconds, asOf, horizonDays: HORIZON_DAYS, ours, networkScoring, peer, ...ratio };
  console.log(JSON.stringify(summary, null, 2));
  fs.mkdirSync(path.join(root, '.bench'), { recursive: true });
  fs.writeFileSync(path.join(root, '.bench', `backtest-${CUSTOMERS}.json`), JSON.stringify({ summary, steps }, null, 2));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
