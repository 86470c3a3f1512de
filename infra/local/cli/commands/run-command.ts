import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { IngestOutcome } from '../../../../functions/ingest/ingest-upload-object.js';
import type { ScoringRunOutcome, ScoringRunRequest, ScoringRuns } from '../../../../functions/pipeline/scoring-runs.js';
import { EXTRACT_KINDS, incomingPrefix, type ExtractKind } from '../../../../functions/shared/storage-layout.js';
import { CONFIG_KEY } from '../../../../functions/adapters/configuration-store.js';
import { defaultFunctionMemoryMiB, memoryEnvironment } from '../../../../functions/shared/function-memory.js';
import { STATE_DIR_LAYOUT, claimStateDir, clearStateDir, invokeLocally, objectCreatedEventFor } from '../../runtime/index.js';
import { formatIngestOutcomes } from '../format-run-report.js';
import { openLocalSession } from '../local-session.js';
import { segmentsCommand } from '../segments-command.js';
import { storeDemoConfiguration } from './config-command.js';
import { setHorizon } from './set-horizon.js';
import { storeColumnMapping } from '../stored-configuration.js';
import { formatColumnMappings, parseColumnMappings } from './parse-column-mappings.js';
import { printRunReports } from './run-report.js';
import { asOutput, type CommandOutput, type OutputTarget } from '../output/command-output.js';
import { runProgressOptions } from '../output/run-progress-options.js';

export interface RunOptions {
  stateDir: string;
  demo?: boolean;
  orders?: string[];
  customers?: string[];
  prospects?: string[];
  map?: string[];
  keepState?: boolean;
  demoCustomers?: string;
  /** Stored as the configuration file's scoring.horizonDays before the run. */
  horizonDays?: number;
}

export class NothingToRunError extends Error {
  override readonly name = 'NothingToRunError';
}

export interface RunCommandResult {
  /** What ingest made of each upload (read, accepted, quarantined, or rejected and why). */
  uploads: IngestOutcome[];
  /** The scoring run the uploads led to; null when none was needed. */
  outcome: ScoringRunOutcome | null;
}

/**
 * Uploads extracts to incoming/<kind>/ in the embedded bucket and delivers each upload's S3
 * ObjectCreated event to the ingest handler, as the bucket notification does in AWS. The run
 * requests the uploads make are gathered and served by one scoring run after the last upload, as
 * the single-flight run coalesces them in AWS, so several files cost one training.
 */
export async function runCommand(options: RunOptions, target: OutputTarget): Promise<ScoringRunOutcome | null> {
  return (await runUploads(options, target)).outcome;
}

/** runCommand, with what ingest made of each upload. */
export async function runUploads(options: RunOptions, target: OutputTarget): Promise<RunCommandResult> {
  const out = asOutput(target);
  const mapping = parseColumnMappings(options.map ?? [], { kinds: EXTRACT_KINDS, option: '--map' });
  const uploads = options.demo ? await demoUploads(options, out) : userUploads(options);
  if (uploads.length === 0) throw new NothingToRunError('Nothing to run: pass --demo, or extracts with --orders/--customers/--prospects (see --help).');
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    const { aws, handlers } = session;
    if (options.demo) await storeDemoConfiguration(aws, out.progress);
    if (Object.keys(mapping).length > 0) {
      await storeColumnMapping(aws.s3, aws.bucket, mapping);
      out.hint(`Column mapping ${formatColumnMappings(mapping).join(', ')} stored in s3://${aws.bucket}/${CONFIG_KEY}: later uploads use it too (see ${segmentsCommand(options.stateDir, 'config mapping')}).`);
    }
    if (options.horizonDays !== undefined) await setHorizon(aws, options.horizonDays, out.hint);
    const requested: ScoringRunRequest[] = [];
    const gather: ScoringRuns = { request: async (request) => (requested.push(request), { started: false, reason: 'gathered: one run follows the last upload' }) };
    const ingested: IngestOutcome[] = [];
    const handler = handlers.ingest.createIngestHandler(() => ({ ...session.dependencies, runs: gather }));
    for (const upload of uploads) {
      const key = `${incomingPrefix(upload.kind)}${path.basename(upload.file)}`;
      out.progress(`Uploading ${upload.file} -> s3://${aws.bucket}/${key}`);
      await aws.s3.send(new PutObjectCommand({ Bucket: aws.bucket, Key: key, Body: await readFile(upload.file) }));
      const event = await objectCreatedEventFor(aws.s3, aws.bucket, key);
      // The handler's parser middleware validates the raw event at run time, as in Lambda.
      const result = await invokeLocally(handler, event as unknown as Parameters<typeof handler>[0], INGEST_FUNCTION);
      ingested.push(...result.outcomes);
      formatIngestOutcomes(result.outcomes).forEach(out.data);
    }
    out.data('');
    const hasOrders = (await session.dependencies.manifest.entries()).some((e) => e.kind === 'orders');
    let outcome: ScoringRunOutcome | null = null;
    if (requested.length === 0) out.hint('No scoring run: no upload changed the data.');
    else if (!hasOrders) out.hint('No scoring run yet: upload an orders extract.');
    else {
      outcome = await session.scoringRuns(runProgressOptions(out)).request({ trigger: 'upload', uploads: requested.flatMap((r) => r.uploads) });
      out.progress('');
      await printRunReports(session.dependencies.store, outcome.reports ?? [], out.data);
      if (!outcome.started) out.hint(`No scoring run: ${outcome.reason}`);
    }
    const next = ['query', 'customer <id>', 'export scores --format csv --out scores.csv', 'rescore --as-of YYYY-MM-DD'].map((args) => segmentsCommand(options.stateDir, args));
    out.hint(`Local state: ${options.stateDir} (try: ${next.join(', ')})`);
    return { uploads: ingested, outcome };
  } finally {
    await session.close();
  }
}

type Upload = { kind: ExtractKind; file: string };

/** The ingest runs on this thread with the memory and environment its function has (IngestUpload in the CDK app). */
const INGEST_MEMORY_MIB = defaultFunctionMemoryMiB('IngestUpload');
const INGEST_FUNCTION = { functionName: 'ingest-upload', memoryLimitInMB: INGEST_MEMORY_MIB, environment: memoryEnvironment(INGEST_MEMORY_MIB) };

function userUploads(options: RunOptions): Upload[] {
  const list = (kind: ExtractKind, files: string[] | undefined) => (files ?? []).map((file) => ({ kind, file }));
  return [...list('customers', options.customers), ...list('prospects', options.prospects), ...list('orders', options.orders)];
}

async function demoUploads(options: RunOptions, out: CommandOutput): Promise<Upload[]> {
  const { writeDemoData } = await import('../../demo/index.js');
  if (options.keepState) claimStateDir(options.stateDir);
  else await startFromCleanState(options.stateDir, out.hint);
  const dir = path.join(options.stateDir, STATE_DIR_LAYOUT.demoData);
  const customers = Number(options.demoCustomers ?? 20_000);
  out.progress(`Generating the demo data set (${customers.toLocaleString('en-US')} customers, seed 42) in ${dir}`);
  const written = await writeDemoData(dir, { customers, prospects: Math.round(customers / 2), seed: 42 });
  return [
    { kind: 'customers', file: written.paths.customers },
    { kind: 'prospects', file: written.paths.prospects },
    { kind: 'orders', file: written.paths.orders },
  ];
}

/** Deletes the tool's own entries in the state folder (refusing a folder it did not create) and says which. */
async function startFromCleanState(stateDir: string, log: (line: string) => void): Promise<void> {
  const cleared = await clearStateDir(stateDir);
  if (cleared.length > 0) log(`Starting from a clean state: deleted ${cleared.join(', ')} in ${stateDir} (nothing else in it is touched)`);
}
