/**
 * `npm run bench` (end-to-end case): the demo generator's customers (heterogeneous buyers,
 * returns, free orders, profiles, prospects; BENCH_CUSTOMERS, default 200,000) through the local
 * state machine, as `segments run` and the nightly rescore of the next day run it. Per stage:
 * seconds, and for the run rows, table items written and peak RSS (the pipeline's process and the
 * DynamoDB one, dynalite, apart), the seconds of WriteShard's steps (all shards) and of Publish's,
 * and the time outside the stages; the JSON goes to .bench/.
 * Then the nightly rescore's cost on AWS (infra/aws/cost) from what it measured, scaled to
 * 10 million customers as the README's cost model is, with membership events one per change and batched.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoData, type WrittenDemoData } from '../../infra/local/demo/index.js';
import { rescoreCommand } from '../../infra/local/cli/commands/rescore-command.js';
import { runCommand } from '../../infra/local/cli/commands/run-command.js';
import type { RunReport } from '../../functions/run/publish-run.js';
import { addDays } from '../../models/features/dates.js';
import { DEFAULT_MEMBERSHIP_CHANGE_EVENTS } from '../../models/config/index.js';
import { nightlyCost, scaleRun, type NightlyCost, type NightlyRunMeasure } from '../../infra/aws/cost/index.js';
import { PIPELINE_ARCHITECTURE } from '../../infra/aws/lambda-platform.js';
import { resolveSettings } from '../../infra/aws/predictive-segments-props.js';
import { STATE_DIR_LAYOUT } from '../../infra/local/runtime/index.js';
import { startedDynamoServers } from '../../infra/local/runtime/dynamo-server.js';
import { workerMemory } from '../../infra/local/runtime/scoring-run/index.js';
import { measureEvents, measureStoredItems, nightlyRunMeasure } from './nightly-run-measure.js';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200_000);
/** The scale of the README's cost model. */
const COST_CUSTOMERS = 10_000_000;
// The child process that generates the data set (generateInChildProcess) does only that.
if (process.env.GENERATE_ONLY) {
  const { dataDir, output } = JSON.parse(process.env.GENERATE_ONLY) as { dataDir: string; output: string };
  const written = await writeDemoData(dataDir, { customers: CUSTOMERS, prospects: Math.round(CUSTOMERS / 2), seed: 42 });
  fs.writeFileSync(output, JSON.stringify(written));
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-run-bench-'));
const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576);
/**
 * The process's peak RSS since the last resetPeak: Linux's VmHWM, which writing 5 to clear_refs
 * resets, so each phase and stage has its own; the process's lifetime peak where /proc does
 * not have them.
 */
function peakMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {
    // No /proc: the lifetime peak below.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
function resetPeak(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: peakMb reports the lifetime peak.
  }
}
/** The peak RSS of the dynalite processes started since the `from`th (each run starts its own). */
async function dynamoPeakMb(from: number): Promise<number | undefined> {
  const peaks = await Promise.all(startedDynamoServers().slice(from).map((server) => server.peakRssBytes()));
  const known = peaks.filter((bytes): bytes is number => bytes !== undefined);
  return known.length > 0 ? Math.round(Math.max(...known) / 1_048_576) : undefined;
}

interface StageRow {
  phase: string;
  stage: string;
  seconds: number;
  rssMbAtEnd: number;
  /** The largest pipeline process's peak RSS during the stage: the CLI's or a worker's, whichever is larger. */
  peakRssMb: number;
  /** The CLI process's (VmHWM, reset as the stage begins). */
  cliPeakRssMb: number;
  /** The largest of the stage's worker processes (each a function's invocations, as on Lambda); 0 when none ran. */
  workerPeakRssMb: number;
}

/** The cost's lines as a table, and its totals. */
function printCost(title: string, cost: NightlyCost): void {
  console.log(`\n${title}: $${cost.usd.toFixed(2)} a run, $${cost.usdPerMillionCustomers.toFixed(3)} per million customers`);
  console.table(cost.lines.map((l) => ({ service: l.service, item: l.item, quantity: Math.round(l.quantity), unit: l.unit, usd: Number(l.usd.toFixed(4)) })));
}

/** The nightly rescore's measure, its cost as measured and at COST_CUSTOMERS with one event per change and batched. */
async function nightlyCostOf(stateDir: string, report: RunReport, stageRows: readonly StageRow[]): Promise<Record<string, unknown>> {
  const items = await measureStoredItems(stateDir);
  const { maxCustomersPerEvent } = DEFAULT_MEMBERSHIP_CHANGE_EVENTS;
  const events = await measureEvents(path.join(stateDir, STATE_DIR_LAYOUT.events, 'segment-changes', `${report.runId}.jsonl`), maxCustomersPerEvent);
  const architecture = PIPELINE_ARCHITECTURE.name === 'arm64' ? 'arm64' : 'x86_64';
  const measured = nightlyRunMeasure(report, stageRows, items, { memoryMiB: resolveSettings({}).memoryOf, architecture, cores: os.availableParallelism() });
  const batched: NightlyRunMeasure = { ...measured, events: { ...measured.events, mode: { batched: true, maxCustomersPerEvent } } };
  const costs = {
    measured: nightlyCost(measured),
    perChange: nightlyCost(scaleRun(measured, COST_CUSTOMERS)),
    batched: nightlyCost(scaleRun(batched, COST_CUSTOMERS)),
  };
  console.log(`\nStored items: score ${items.meanScoreItemBytes.toFixed(0)} B (${items.writeUnitsPerScoreItem.toFixed(2)} WRU), membership ${items.meanMembershipBytes.toFixed(0)} B, ${items.membershipsPerCustomer.toFixed(2)} memberships a customer (sample of ${items.scoreItems} customers)`);
  console.log(`Membership events of the nightly run: ${events.perChange} one per change, ${events.batched} batched (up to ${maxCustomersPerEvent} customers; largest ${events.largestBatchedBytes} bytes)`);
  printCost(`Nightly rescore as measured (${report.customers.toLocaleString('en-US')} customers, one event per change)`, costs.measured);
  printCost(`Nightly rescore at ${COST_CUSTOMERS.toLocaleString('en-US')} customers, one event per change`, costs.perChange);
  printCost(`Nightly rescore at ${COST_CUSTOMERS.toLocaleString('en-US')} customers, batched events`, costs.batched);
  const brief = (cost: NightlyCost) => ({ usd: cost.usd, usdPerMillionCustomers: cost.usdPerMillionCustomers, byService: cost.byService });
  return { items, events, measure: measured, measured: brief(costs.measured), perChangeAt10M: brief(costs.perChange), batchedAt10M: brief(costs.batched) };
}

/**
 * Collects "<stage> done in N s" progress lines of a run as rows, and when the other lines came:
 * what the run spends outside its stages is the command's time before the first stage is entered
 * (the local session, the trigger, the lock), between stages (the states in between) and after
 * the last (the report and closing the session), given by `outside` once the command returned.
 */
function stageRecorder(phase: string, rows: StageRow[]) {
  const started = performance.now();
  let firstEntered: number | undefined;
  let lastDone: number | undefined;
  let between = 0;
  // Peaks are reset as each stage begins; the phase's peak is the largest seen.
  let phasePeak = 0;
  const record = (line: string) => {
    const now = performance.now();
    const match = /… (\w+)[^…]* done in ([0-9.]+) s$/.exec(line);
    if (match) {
      const cliPeakRssMb = peakMb();
      const workerPeakRssMb = Math.round(workerMemory.maxRssBytes() / 1_048_576);
      const peakRssMb = Math.max(cliPeakRssMb, workerPeakRssMb);
      phasePeak = Math.max(phasePeak, peakRssMb);
      rows.push({ phase, stage: match[1]!, seconds: Number(match[2]), rssMbAtEnd: rssMb(), peakRssMb, cliPeakRssMb, workerPeakRssMb });
      lastDone = now;
    } else if (/…$/.test(line.trim())) {
      phasePeak = Math.max(phasePeak, peakMb());
      resetPeak();
      workerMemory.reset();
      firstEntered ??= now;
      if (lastDone !== undefined) between += now - lastDone;
    }
  };
  const seconds = (ms: number) => Number((ms / 1000).toFixed(1));
  record.peakMb = () => Math.max(phasePeak, peakMb());
  record.outside = () => {
    const now = performance.now();
    return { beforeFirstStage: seconds((firstEntered ?? now) - started), betweenStages: seconds(between), afterLastStage: seconds(now - (lastDone ?? now)) };
  };
  return record;
}

/**
 * The demo data set, written by a child process (this file with GENERATE_ONLY): generating a million
 * customers leaves hundreds of megabytes in the heap that did it, which would count in the first
 * load's peak here although `segments run` given the files never holds them.
 */
function generateInChildProcess(dataDir: string): WrittenDemoData {
  const runTs = path.join(import.meta.dirname, '../../infra/local/bin/run-ts.mjs');
  const output = path.join(dir, 'written.json');
  execFileSync(process.execPath, [runTs, import.meta.filename], { stdio: 'inherit', env: { ...process.env, GENERATE_ONLY: JSON.stringify({ dataDir, output }) } });
  return JSON.parse(fs.readFileSync(output, 'utf8')) as WrittenDemoData;
}

const stages: StageRow[] = [];
const summary: Record<string, unknown> = { customers: CUSTOMERS, cores: os.availableParallelism() };
try {
  let started = performance.now();
  const written = generateInChildProcess(path.join(dir, 'data'));
  summary.generateSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  summary.orders = written.rowCounts.orders;
  const stateDir = path.join(dir, 'state');

  started = performance.now();
  resetPeak();
  let dynamoFrom = startedDynamoServers().length;
  const firstRecorder = stageRecorder('first load', stages);
  const first = await runCommand({ stateDir, orders: [written.paths.orders], customers: [written.paths.customers], prospects: [written.paths.prospects] }, firstRecorder);
  const firstReport = first?.reports?.[0];
  summary.firstLoad = { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), outsideStages: firstRecorder.outside(), writeShardSteps: firstReport?.shardSeconds.bySteps, publishSteps: firstReport?.publishSeconds, shards: firstReport?.shards, writes: firstReport?.writes, pipelinePeakRssMb: firstRecorder.peakMb(), dynamoPeakRssMb: await dynamoPeakMb(dynamoFrom) };

  started = performance.now();
  resetPeak();
  dynamoFrom = startedDynamoServers().length;
  const nextDay = addDays(firstReport?.asOf ?? '2024-12-31', 1);
  const nightlyRecorder = stageRecorder('nightly rescore', stages);
  const nightly = await rescoreCommand({ stateDir, asOf: nextDay }, nightlyRecorder);
  const nightlyReport = nightly.reports?.[0];
  summary.nightlyRescore = { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), outsideStages: nightlyRecorder.outside(), writeShardSteps: nightlyReport?.shardSeconds.bySteps, publishSteps: nightlyReport?.publishSeconds, asOf: nextDay, writes: nightlyReport?.writes, pipelinePeakRssMb: nightlyRecorder.peakMb(), dynamoPeakRssMb: await dynamoPeakMb(dynamoFrom) };

  console.table(stages);
  if (nightlyReport) summary.nightlyCost = await nightlyCostOf(stateDir, nightlyReport, stages.filter((row) => row.phase === 'nightly rescore'));
  console.log(JSON.stringify(summary, null, 2));
  fs.mkdirSync('.bench', { recursive: true });
  fs.writeFileSync(path.join('.bench', `scoring-run-${CUSTOMERS}.json`), JSON.stringify({ summary, stages }, null, 2));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
