import type { AbandonEvent } from './run-contract.js';
import { nowOf, type RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';

export interface AbandonResult {
  runId: string | null;
  error: string;
}

/**
 * After any stage failed for good: the run is marked failed (its items are rewritten by the next
 * run that succeeds, and the pointer never moved), the lock is released for the next trigger, and
 * the failure goes into the run's report. The execution then fails, so alarms see it.
 */
export async function abandonRun(deps: Pick<RunDependencies, 'store' | 'table' | 'control' | 'now'>, event: AbandonEvent): Promise<AbandonResult> {
  const error = [event.error.Error, event.error.Cause].filter(Boolean).join(': ') || 'unknown error';
  const run = event.run;
  if (!run) return { runId: null, error };
  const at = nowOf(deps).toISOString();
  // The lock is released whatever else fails here (the cause of the failure may still be failing,
  // S3 or DynamoDB answering 5xx): a held lock would refuse every later trigger.
  try {
    if (await deps.table.runs.get(run.runId)) await deps.table.runs.finish(run.runId, 'failed', at, { error });
    await deps.store.put(runFiles(run.runId).report, JSON.stringify({ runId: run.runId, asOf: run.asOf, startedAt: run.startedAt, failedAt: at, error }, null, 2), 'application/json');
  } finally {
    await deps.control.release(run.runId);
  }
  return { runId: run.runId, error };
}
