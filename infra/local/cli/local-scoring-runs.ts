import path from 'node:path';
import type { ScoringRunOutcome, ScoringRunRequest, ScoringRuns } from '../../../functions/pipeline/scoring-runs.js';
import type { RunReport } from '../../../functions/run/publish-run.js';
import { RUN_HANDLER_FILES, type PublishResult, type RunTaskState } from '../../../functions/run/run-contract.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { PROJECT_ROOT } from '../../aws/project-paths.js';
import { STAGE_LABELS } from './progress/stage-labels.js';
import { executeScoringRun, renderScoringRunDefinition, type ScoringRunEvent, type ScoringRunHandlers } from '../runtime/scoring-run/index.js';
import { defaultFunctionMemoryMiB, memoryEnvironment } from '../../../functions/shared/function-memory.js';

export class ScoringRunFailedError extends Error {
  override readonly name = 'ScoringRunFailedError';

  /** The name of the error the failed stage raised (e.g. RunRefusedError), which decides the exit code. */
  constructor(
    message: string,
    readonly stageError?: string,
  ) {
    super(message);
  }
}

/**
 * The stages that run in worker processes with `workers`: the maps' shards on every core, and the
 * heavy single stages one process each. As each Lambda function has its memory to itself, each
 * invocation has a process's: two shards running at once are two processes, not one holding both,
 * and what a stage leaves on its heap goes with its process when the next stage starts. Start and
 * Abandon only touch the lock.
 */
const WORKER_STAGES: readonly RunTaskState[] = ['Prepare', 'Train', 'ScoreShard', 'Segment', 'WriteShard', 'Publish'];

/** One progress line per stage entered and per stage finished, with the seconds it took. */
function progressLines(onProgress: (message: string) => void): (event: ScoringRunEvent) => void {
  const entered = new Map<string, number>();
  return (event) => {
    const label = event.state ? STAGE_LABELS[event.state] : undefined;
    if (!label || event.mapIndex !== undefined) return;
    if (event.type === 'StateEntered') {
      entered.set(event.state!, event.at);
      onProgress(`${label}…`);
    } else if (event.type === 'StateExited') {
      const seconds = ((event.at - (entered.get(event.state!) ?? event.at)) / 1000).toFixed(1);
      onProgress(`${label} done in ${seconds} s`);
    }
  };
}

export interface LocalScoringRunsOptions {
  /** A line per stage entered and finished. */
  onProgress?: (message: string) => void;
  /** Every step of the execution (the CLI's progress display counts map items with them). */
  onEvent?: (event: ScoringRunEvent) => void;
  workers?: boolean;
}

/**
 * Runs requested scoring runs in process by executing the state machine definition CDK
 * synthesizes (renderScoringRunDefinition), each task state calling the same handler the Lambda
 * runs; with `workers`, the stages in WORKER_STAGES run in worker processes (the maps' shards on
 * every core). A request waits for the execution (and any follow-up run it makes) to end.
 */
export function localScoringRuns(
  deps: RunDependencies,
  handlers: ScoringRunHandlers,
  options: LocalScoringRunsOptions = {},
): ScoringRuns {
  const onProgress = options.onProgress ?? (() => {});
  const definition = renderScoringRunDefinition();
  // Each stage's process gets the DuckDB budget its Lambda function has (its share of the function's default memory).
  const worker = (stage: RunTaskState) => ({
    module: path.join(PROJECT_ROOT, RUN_HANDLER_FILES[stage]),
    environment: memoryEnvironment(defaultFunctionMemoryMiB(stage)),
  });
  return {
    async request(request: ScoringRunRequest): Promise<ScoringRunOutcome> {
      const at = new Date().toISOString();
      const pending = await deps.control.request(at);
      if (pending.running) return { started: false, reason: 'a run is in progress; it runs once more for this request when it finishes' };
      const published: PublishResult[] = [];
      const progress = progressLines(onProgress);
      const execution = await executeScoringRun(
        definition,
        handlers,
        { trigger: request.trigger, ...(request.asOf ? { asOf: request.asOf } : {}), requestedAt: at },
        {
          onEvent: (event) => {
            progress(event);
            options.onEvent?.(event);
            if (event.type === 'StateExited' && event.state === 'Publish') published.push(event.output as PublishResult);
          },
          // Workers build their clients from the environment, which only the CLI's session exports.
          ...(options.workers ? { workerModules: Object.fromEntries(WORKER_STAGES.map((stage) => [stage, worker(stage)])) } : {}),
        },
      );
      if (execution.status !== 'SUCCEEDED') {
        const error = execution.error;
        throw new ScoringRunFailedError(`The scoring run ${execution.status.toLowerCase()}: ${error ? `${error.Error}: ${error.Cause}` : 'no error recorded'}`, error?.Error);
      }
      const reports: RunReport[] = [];
      for (const { finished } of published) {
        const bytes = await deps.store.get(finished.reportKey);
        if (bytes) reports.push(JSON.parse(new TextDecoder().decode(bytes)) as RunReport);
      }
      const output = execution.output as { acquired?: boolean; reason?: string } | undefined;
      if (output?.acquired === false) return { started: false, reason: output.reason ?? 'another run holds the lock' };
      return { started: true, reports };
    },
  };
}
