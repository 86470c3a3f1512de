/**
 * How much a hostile corpus loses on its way through the ingest.
 *
 *   node infra/local/bin/run-ts.mjs test/bench/hostile-ingest.ts            # ingest Lambda handler, embedded S3/DynamoDB
 *   node infra/local/bin/run-ts.mjs test/bench/hostile-ingest.ts --cli      # real CLI process per file (segments run)
 *
 * Options: --only <text> (files whose name contains it), --score (handler mode: run the real
 * scoring pass after each accepted orders upload instead of skipping it), --out <file.json>
 * (default .bench/hostile-ingest.json; also written as .bench/hostile-ingest-<mode>.json),
 * --seed <n> (corpus seed), --keep (keep the temp folder), --label <text> (names the code measured
 * in the output; default: git commit, and whether models/functions/infra have uncommitted changes).
 *
 * Every file of test/support/hostile-extracts.ts is uploaded to its `incoming/<kind>/` key; the
 * outcome comes from the handler's result (handler mode) or the bucket (CLI mode): the ingest
 * report (`reports/ingest/<key>.json`, or `reports/ingest/<key without incoming/>/<version>.json`)
 * gives the clean key, which is never derived here, and the quarantine key (else
 * `quarantine/<key>.rows.csv` or its versioned form); a rejection is `rejected/<key>...json`.
 * Clean Parquet is read with DuckDB and compared with the expected rows one by one.
 *
 * Handler mode skips the scoring pass by default: the handler gets a `runs` dependency that does
 * nothing (handlers that take one) and a store that lists no clean objects to `loadCleanData`
 * (older handlers: `refreshScores` then ends with NoOrdersError, "no orders yet"). The ingest
 * itself runs unchanged.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.js';
import { createIngestHandler } from '../../functions/ingest-upload.js';
import type { ScoringRuns } from '../../functions/pipeline/scoring-runs.js';
import { openDuckDb, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import { invokeLocally, startEmbeddedAws, suppressSdkNodeVersionWarning } from '../../infra/local/runtime/index.js';
import { startEmbeddedPipeline } from '../support/embedded-pipeline.js';
import { hostileCorpus, type HostileExtract } from '../support/hostile-extracts.js';
import { causesOf, judge, parseQuarantineCsv, readCleanRows, totalsOf, type CleanRow, type Crash, type FileVerdict, type Observed } from '../support/hostile-outcome.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const mode = flag('--cli') ? 'cli' : 'handler';
const root = path.resolve(import.meta.dirname, '../..');
const outPath = path.resolve(option('--out') ?? path.join(root, '.bench/hostile-ingest.json'));
const seed = option('--seed') ? Number(option('--seed')) : undefined;
const only = option('--only');
const CLI_TIMEOUT_MS = 10 * 60_000;

/** Lists nothing under clean/ to the scoring pass, so it stops at "no orders yet"; everything else is untouched. */
class IngestOnlyStore extends S3ObjectStore {
  override async list(prefix: string) {
    if (prefix.startsWith('clean/') && /loadCleanData|refreshScores/.test(new Error().stack ?? '')) return [];
    return super.list(prefix);
  }
}

const decode = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);
const parseJson = (text: string | null): Record<string, unknown> | null => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
};
const firstLine = (error: unknown) => String(error instanceof Error ? `${error.name}: ${error.message}` : error).split('\n')[0] ?? '';

/**
 * The key of an object derived from an upload, wherever the layout puts it: `<prefix><upload key><suffix>`
 * (reports/ingest/incoming/orders/a.csv.json) or `<prefix><key without incoming/>/<version><suffix>`
 * (reports/ingest/orders/a.csv/<etag>.json). The last one listed wins.
 */
async function findDerivedKey(store: S3ObjectStore, prefix: string, uploadKey: string, suffix: string): Promise<string | null> {
  const bases = [`${prefix}${uploadKey}`, `${prefix}${uploadKey.replace(/^incoming\//, '')}`];
  let found: string | null = null;
  for (const base of bases) {
    for (const object of await store.list(base)) {
      if (object.key === `${base}${suffix}` || (object.key.startsWith(`${base}/`) && object.key.endsWith(suffix))) found = object.key;
    }
  }
  return found;
}

/** What happened to one upload: the handler's outcome when there is one, otherwise what the bucket holds. */
async function observe(
  store: S3ObjectStore,
  db: DuckDbSession,
  workDir: string,
  extract: HostileExtract,
  handlerOutcome: Record<string, unknown> | undefined,
  crash: Crash | undefined,
): Promise<Observed> {
  const status = handlerOutcome?.status;
  const reportKey = status === 'accepted' && typeof handlerOutcome?.reportKey === 'string' ? handlerOutcome.reportKey : await findDerivedKey(store, 'reports/ingest/', extract.key, '.json');
  const rejectedKey = status === 'rejected' && typeof handlerOutcome?.reportKey === 'string' ? handlerOutcome.reportKey : await findDerivedKey(store, 'rejected/', extract.key, '.json');
  const report = reportKey ? parseJson(decode(await store.get(reportKey))) : null;
  const rejected = rejectedKey && status !== 'accepted' ? parseJson(decode(await store.get(rejectedKey))) : null;
  const withCrash = <T extends object>(o: T) => (crash ? { ...o, crash: { ...crash, phase: 'after-ingest' as const } } : o);
  if (status === 'accepted' || (status === undefined && report)) {
    const cleanKey = String(report?.cleanKey ?? handlerOutcome?.cleanKey ?? '');
    const quarantineKey = (report?.quarantineKey ?? handlerOutcome?.quarantineKey ?? (await findDerivedKey(store, 'quarantine/', extract.key, '.rows.csv'))) as string | null;
    let clean: CleanRow[] = [];
    if (cleanKey) {
      const local = path.join(workDir, 'clean.parquet');
      fs.rmSync(local, { force: true });
      await store.download(cleanKey, local);
      clean = await readCleanRows(db, local);
    }
    const quarantineBytes = quarantineKey ? await store.get(quarantineKey) : null;
    const quarantine = quarantineBytes ? parseQuarantineCsv(quarantineBytes) : [];
    const counts = (report ?? (handlerOutcome?.report as Record<string, unknown> | undefined)) ?? null;
    return withCrash({
      status: 'accepted' as const,
      clean,
      quarantine,
      ...(typeof counts?.rowsAccepted === 'number' ? { rowsAccepted: counts.rowsAccepted } : {}),
      ...(typeof counts?.rowsQuarantined === 'number' ? { rowsQuarantined: counts.rowsQuarantined } : {}),
    });
  }
  if (status === 'rejected' || (status === undefined && rejected)) {
    return withCrash({
      status: 'rejected' as const,
      reason: String(rejected?.reason ?? handlerOutcome?.reason ?? ''),
      message: String(rejected?.message ?? handlerOutcome?.message ?? ''),
    });
  }
  const skipped = status ? `; handler outcome ${String(status)}: ${String(handlerOutcome?.message ?? handlerOutcome?.reason ?? '')}` : '';
  return { status: 'crashed', crash: crash ?? { phase: 'ingest', message: `no ingest report, rejection report or outcome was written${skipped}` } };
}

async function runHandlerMode(corpus: HostileExtract[], workDir: string, db: DuckDbSession): Promise<FileVerdict[]> {
  const pipeline = await startEmbeddedPipeline();
  const verdicts: FileVerdict[] = [];
  try {
    // Skipping the scoring pass: handlers that take a `runs` dependency get one that does nothing;
    // older ones get a store that hides clean/ from loadCleanData.
    const skip = !flag('--score');
    const store = skip ? new IngestOnlyStore(pipeline.aws.s3, pipeline.aws.bucket) : pipeline.dependencies.store;
    const noRuns: ScoringRuns = { request: async () => ({ started: false, reason: 'scoring is not under test here' }) };
    const handler = createIngestHandler(() => ({ ...pipeline.dependencies, store, ...(skip ? { runs: noRuns } : {}) }));
    for (const extract of corpus) {
      const started = performance.now();
      let outcome: Record<string, unknown> | undefined;
      let crash: Crash | undefined;
      try {
        const event = await pipeline.upload(extract.key, extract.bytes);
        const result = await invokeLocally(handler, event as Parameters<typeof handler>[0], { functionName: 'ingest-upload' });
        outcome = result.outcomes[0] as unknown as Record<string, unknown> | undefined;
      } catch (error) {
        crash = { phase: 'ingest', message: firstLine(error) };
      }
      const observed = await observe(store, db, workDir, extract, outcome, crash);
      const verdict = judge(extract, observed);
      verdict.seconds = Number(((performance.now() - started) / 1000).toFixed(2));
      verdicts.push(verdict);
      progress(verdict);
    }
  } finally {
    await pipeline.stop();
  }
  return verdicts;
}

interface ProcessResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runProcess(args: string[]): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CLI_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

async function runCliMode(corpus: HostileExtract[], workDir: string, db: DuckDbSession): Promise<FileVerdict[]> {
  suppressSdkNodeVersionWarning();
  const verdicts: FileVerdict[] = [];
  const filesDir = path.join(workDir, 'files');
  fs.mkdirSync(filesDir, { recursive: true });
  for (const extract of corpus) {
    const started = performance.now();
    const file = path.join(filesDir, extract.name);
    fs.writeFileSync(file, extract.bytes);
    const stateDir = path.join(workDir, `state-${extract.id.replace(/[^A-Za-z0-9-]/g, '_')}`);
    const run = await runProcess([path.join(root, 'infra/local/bin/segments.mjs'), 'run', `--${extract.kind}`, file, '--state-dir', stateDir]);
    const stackTrace = /^\s+at .+\(?.*:\d+:\d+\)?$/m.test(run.stderr) || /uncaught|unhandled/i.test(run.stderr);
    let crash: Crash | undefined;
    if (run.timedOut) crash = { phase: 'ingest', message: `timed out after ${CLI_TIMEOUT_MS / 1000} s` };
    else if (run.code !== 0) {
      const message = run.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit ${run.code ?? run.signal}`;
      crash = { phase: 'ingest', message: `exit ${run.code ?? run.signal}${stackTrace ? ' with a stack trace' : ''}: ${message.trim()}` };
    } else if (stackTrace) crash = { phase: 'ingest', message: `exit 0 but a stack trace on stderr: ${run.stderr.split('\n')[0]}` };
    const aws = await startEmbeddedAws({ stateDir });
    let observed: Observed;
    try {
      observed = await observe(new S3ObjectStore(aws.s3, aws.bucket), db, workDir, extract, undefined, crash);
    } finally {
      await aws.stop();
    }
    const verdict = judge(extract, observed);
    verdict.seconds = Number(((performance.now() - started) / 1000).toFixed(2));
    const scoring = run.stdout.split('\n').find((l) => /^(Scored |No scoring run yet)/.test(l));
    verdict.notes = [`cli exit ${run.code ?? run.signal}${scoring ? `; ${scoring.trim()}` : ''}`];
    verdicts.push(verdict);
    progress(verdict);
    if (!flag('--keep')) fs.rmSync(stateDir, { recursive: true, force: true });
  }
  return verdicts;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);

function statusOf(v: FileVerdict): string {
  const crash = v.crash ? `CRASH${v.crash.phase === 'after-ingest' ? '(after ingest)' : ''}` : '';
  if (v.actual === 'crashed') return crash;
  const base = v.actual === 'rejected' ? `rejected ${v.actualReason?.split(':')[0] ?? ''}` : 'accepted';
  return crash ? `${base} ${crash}` : base;
}

function progress(v: FileVerdict): void {
  const rows = v.expected === 'accepted' ? `valid ${v.validKept}/${v.validIn}, bad ${v.badQuarantined}/${v.badIn}` : `expected rejection (${v.expectedFamily}): ${v.rejection}`;
  process.stderr.write(`  ${v.id.padEnd(34)} ${statusOf(v).padEnd(28)} ${rows} (${v.seconds}s)${v.notes ? ` ${v.notes.join('; ')}` : ''}\n`);
}

function table(verdicts: FileVerdict[]): string {
  const header = ['file', 'expected', 'got', 'valid kept', 'lost', 'silent', 'no trace', 'bad quar.', 'extra clean', 'misplaced', 'note'];
  const rows = verdicts.map((v) => [
    v.id,
    v.expected === 'accepted' ? 'accept' : `reject:${v.expectedFamily}`,
    statusOf(v),
    v.expected === 'accepted' ? `${v.validKept}/${v.validIn}` : v.acceptedFromRejectedFile > 0 ? `${v.acceptedFromRejectedFile} rows in!` : '',
    v.validLost ? String(v.validLost) : '',
    v.validLostSilently ? String(v.validLostSilently) : '',
    v.validLostWithoutTrace ? String(v.validLostWithoutTrace) : '',
    v.expected === 'accepted' ? `${v.badQuarantined}/${v.badIn}` : '',
    v.unexpectedClean ? String(v.unexpectedClean) : '',
    v.misplacedQuarantine ? String(v.misplacedQuarantine) : '',
    v.expected === 'rejected' ? (v.rejection ?? '') : v.rejection === 'unexpected' ? (v.actualReason ?? '').slice(0, 70) : v.crash ? v.crash.message.slice(0, 70) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 && i <= 9 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function gitDescribe(): string {
  if (option('--label')) return option('--label')!;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'models', 'functions', 'infra'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} + uncommitted changes in models/functions/infra` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-ingest-'));
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
const corpus = hostileCorpus(...(seed !== undefined ? [seed] : [])).filter((e) => !only || e.name.includes(only));
const db = await openDuckDb({ tempDirectory: workDir });
const started = performance.now();
let exitCode = 0;
try {
  process.stderr.write(`hostile ingest: ${corpus.length} files, ${mode} mode${mode === 'handler' && !flag('--score') ? ' (scoring pass skipped)' : ''}, work dir ${workDir}\n`);
  const verdicts = mode === 'cli' ? await runCliMode(corpus, workDir, db) : await runHandlerMode(corpus, workDir, db);
  const totals = totalsOf(verdicts);
  const causes = causesOf(verdicts);
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const out: string[] = [];
  out.push(table(verdicts), '');
  out.push(`Hostile ingest (${mode} mode, code ${gitDescribe()}, ${seconds} s)`);
  out.push(`  files tried                      ${fmt(totals.files)}`);
  out.push(`  crashes                          ${fmt(totals.crashes)} (${fmt(totals.crashesDuringIngest)} during the ingest itself)`);
  out.push(`  valid rows kept                  ${fmt(totals.validKept)} of ${fmt(totals.validIn)} (${pct(totals.validKept, totals.validIn)})`);
  out.push(`  valid rows lost                  ${fmt(totals.validLost)}: ${fmt(totals.validLostSilently)} silently (file reported accepted; ${fmt(totals.validLostWithoutTrace)} of them not even in the quarantine), ${fmt(totals.validLostInRejectedFiles)} in usable files rejected, ${fmt(totals.validLostInCrashes)} in crashes`);
  out.push(`  bad rows quarantined with reason ${fmt(totals.badQuarantined)} of ${fmt(totals.badIn)} (${pct(totals.badQuarantined, totals.badIn)})`);
  out.push(`  clean rows matching no valid row ${fmt(totals.unexpectedClean)}`);
  out.push(`  misplaced quarantine rows        ${fmt(totals.misplacedQuarantine)}`);
  out.push(`  files to reject                  ${fmt(totals.rejectionsExpected)}: ${fmt(totals.rejectedAsExpected)} rejected as expected, ${fmt(totals.rejectedWithWrongReason)} with an unclear reason, ${fmt(totals.notRejected)} accepted`);
  out.push(`  usable files rejected            ${fmt(totals.rejectedUnexpectedly)}`);
  out.push('', 'Failing expectations by cause (count, files):');
  for (const c of causes) out.push(`  ${String(c.count).padStart(5)}  ${c.cause}  [${c.files.join(', ')}]`);
  console.log(out.join('\n'));
  const json = { mode, code: gitDescribe(), generatedAt: new Date().toISOString(), seconds, scoring: mode === 'cli' || flag('--score') ? 'run' : 'skipped', totals, causes, files: verdicts };
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, `${JSON.stringify(json, null, 2)}\n`);
  if (!option('--out')) fs.writeFileSync(path.join(path.dirname(outPath), `hostile-ingest-${mode}.json`), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nwritten ${path.relative(process.cwd(), outPath)}`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  db.close();
  if (!flag('--keep')) fs.rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
