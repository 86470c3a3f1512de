/**
 * `npm run bench` (end-to-end case): the demo generator's customers (heterogeneous buyers,
 * returns, free orders, profiles, prospects; BENCH_CUSTOMERS, default 200,000) through the local
 * state machine, as `segments run` and the nightly rescore of the next day run it. Per stage:
 * seconds, and for the run rows, table items written and peak RSS; the JSON goes to .bench/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoData } from '../../infra/local/demo/index.js';
import { rescoreCommand } from '../../infra/local/cli/commands/rescore-command.js';
import { runCommand } from '../../infra/local/cli/commands/run-command.js';
import { addDays } from '../../models/features/dates.js';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-run-bench-'));
const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

interface StageRow {
  phase: string;
  stage: string;
  seconds: number;
  rssMbAtEnd: number;
}

/** Collects "<stage> done in N s" progress lines of a run as rows. */
function stageRecorder(phase: string, rows: StageRow[]) {
  return (line: string) => {
    const match = /… (\w+)[^…]* done in ([0-9.]+) s$/.exec(line);
    if (match) rows.push({ phase, stage: match[1]!, seconds: Number(match[2]), rssMbAtEnd: rssMb() });
  };
}

const stages: StageRow[] = [];
const summary: Record<string, unknown> = { customers: CUSTOMERS, cores: os.availableParallelism() };
try {
  let started = performance.now();
  const written = await writeDemoData(path.join(dir, 'data'), { customers: CUSTOMERS, prospects: Math.round(CUSTOMERS / 2), seed: 42 });
  summary.generateSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  summary.orders = written.rowCounts.orders;
  const stateDir = path.join(dir, 'state');

  started = performance.now();
  const first = await runCommand({ stateDir, orders: [written.paths.orders], customers: [written.paths.customers], prospects: [written.paths.prospects] }, stageRecorder('first load', stages));
  const firstReport = first?.reports?.[0];
  summary.firstLoad = { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), shards: firstReport?.shards, writes: firstReport?.writes, peakRssMb: peakMb() };

  started = performance.now();
  const nextDay = addDays(firstReport?.asOf ?? '2024-12-31', 1);
  const nightly = await rescoreCommand({ stateDir, asOf: nextDay }, stageRecorder('nightly rescore', stages));
  const nightlyReport = nightly.reports?.[0];
  summary.nightlyRescore = { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), asOf: nextDay, writes: nightlyReport?.writes, peakRssMb: peakMb() };

  console.table(stages);
  console.log(JSON.stringify(summary, null, 2));
  fs.mkdirSync('.bench', { recursive: true });
  fs.writeFileSync(path.join('.bench', `scoring-run-${CUSTOMERS}.json`), JSON.stringify({ summary, stages }, null, 2));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
