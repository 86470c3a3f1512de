import path from 'node:path';
import type { ScoringRuns } from '../../../functions/pipeline/scoring-runs.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import type { PipelineDependencies } from '../../../functions/shared/pipeline-dependencies.js';
import { STATE_DIR_LAYOUT, startEmbeddedAws, exportLocalAwsEnv, suppressSdkNodeVersionWarning, type EmbeddedAws } from '../runtime/index.js';
import { localScoringRuns, type LocalScoringRunsOptions } from './local-scoring-runs.js';
import { createRunHandlers } from './run-handlers.js';

export const DEFAULT_STATE_DIR = '.segments';

export interface LocalSession {
  aws: EmbeddedAws;
  /** The handler modules, imported only after the environment points at the embedded servers. */
  handlers: {
    ingest: typeof import('../../../functions/ingest-upload.js');
    nightly: typeof import('../../../functions/nightly-rescore.js');
  };
  /** Clients built from the environment this session exported, as the handlers build theirs in Lambda. */
  dependencies: PipelineDependencies;
  runDependencies: RunDependencies;
  /** Executes requested runs with the state machine definition, in process, telling `progress` of each step. */
  scoringRuns(progress?: Pick<LocalScoringRunsOptions, 'onProgress' | 'onEvent'>): ScoringRuns;
  close(): Promise<void>;
}

/** Starts s3rver and dynalite under the state folder and wires the Lambda handlers to them. */
export async function openLocalSession(options: { stateDir: string }): Promise<LocalSession> {
  suppressSdkNodeVersionWarning();
  const aws = await startEmbeddedAws({ stateDir: options.stateDir });
  const restore = exportLocalAwsEnv(aws, { segmentEventsDir: path.join(options.stateDir, STATE_DIR_LAYOUT.events, 'segment-changes') });
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const handlers = {
    ingest: await import('../../../functions/ingest-upload.js'),
    nightly: await import('../../../functions/nightly-rescore.js'),
  };
  const { runDependenciesFromEnv } = await import('../../../functions/run/run-environment.js');
  const runDependencies = runDependenciesFromEnv();
  await releaseKilledRun(runDependencies);
  const runHandlers = await createRunHandlers(() => runDependencies);
  return {
    aws,
    handlers,
    dependencies: runDependencies,
    runDependencies,
    scoringRuns: (progress = {}) => localScoringRuns(runDependencies, runHandlers, { ...progress, workers: true }),
    close: async () => {
      await aws.stop();
      restore();
    },
  };
}

/**
 * One process owns a state folder at a time (its lock), so a run lock found at start belongs to a
 * run whose process was killed: it is marked failed and released, and the next run rewrites
 * whatever it left.
 */
async function releaseKilledRun(deps: RunDependencies): Promise<void> {
  const { DynamoRunControl } = await import('../../../functions/adapters/dynamo-run-control.js');
  if (!(deps.control instanceof DynamoRunControl)) return;
  const { lockRunId } = await deps.control.read();
  if (!lockRunId) return;
  const { abandonRun } = await import('../../../functions/run/abandon-run.js');
  await abandonRun(deps, { run: { runId: lockRunId } as never, error: { Error: 'ProcessKilled', Cause: 'the process running it ended before the run did' } });
}
