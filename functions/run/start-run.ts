import { DEFAULT_CLV_SETTINGS } from '../../models/scoring/index.js';
import type { RunContext, RunTrigger, StartResult } from './run-contract.js';
import { nowOf, type RunDependencies } from './run-dependencies.js';

/** A lock older than the state machine's own timeout belongs to a run that can no longer be alive. */
export const RUN_LEASE_HOURS = 6;

export const newRunContext = (runId: string, trigger: Pick<RunTrigger, 'trigger' | 'asOf'>, horizonDays: number, startedAt: string): RunContext => ({
  runId,
  trigger: trigger.trigger,
  asOf: trigger.asOf ?? null,
  horizonDays,
  ...DEFAULT_CLV_SETTINGS,
  startedAt,
  shards: [],
  train: false,
  modelVersion: null,
  populationKey: null,
});

/**
 * The first state: takes the single-flight lock for a new run. When another run holds it, this
 * execution ends at once: the holder runs again for the request before it lets go.
 */
export async function startRun(deps: Pick<RunDependencies, 'control' | 'horizonDays' | 'now'>, trigger: RunTrigger): Promise<StartResult> {
  const now = nowOf(deps);
  const staleBefore = new Date(now.getTime() - RUN_LEASE_HOURS * 3_600_000).toISOString();
  const lock = await deps.control.acquire(now.toISOString(), staleBefore, `start:${trigger.trigger}:${trigger.requestedAt}`);
  if (!lock.acquired) return { acquired: false, reason: `run ${lock.holder} is running; it runs again for this request when it finishes` };
  return { acquired: true, run: newRunContext(lock.runId, trigger, deps.horizonDays, now.toISOString()) };
}
