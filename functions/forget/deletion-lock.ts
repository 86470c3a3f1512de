import type { ScoringRuns } from '../pipeline/scoring-runs.js';
import type { RunControl } from '../run/run-control.js';
import { RUN_LEASE_HOURS } from '../run/start-run.js';
import { DeletionBlockedError } from './errors.js';

export interface DeletionLockOptions {
  /** How long to wait for a scoring run to finish before giving up (default 10 minutes). */
  maxWaitMs?: number;
  pollMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A deletion takes the scoring runs' own single-flight lock, so it never races a run: a run
 * reading clean data or writing customer items while the person is being removed could write
 * them back. When a run holds the lock the deletion waits for it (polling) up to `maxWaitMs`, then
 * fails with DeletionBlockedError having changed nothing (Lambda retries the event; the CLI says
 * to run it again). Runs requested meanwhile find the lock held and leave a pending request; when
 * the deletion lets go it asks for that run itself, since no run will come back for it.
 */
export async function withDeletionLock<T>(
  control: RunControl,
  runs: ScoringRuns | undefined,
  token: string,
  work: (lockId: string) => Promise<T>,
  options: DeletionLockOptions = {},
): Promise<T> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const { maxWaitMs = 600_000, pollMs = 5_000 } = options;
  const started = now().getTime();
  let lockId: string;
  for (;;) {
    const at = now();
    const staleBefore = new Date(at.getTime() - RUN_LEASE_HOURS * 3_600_000).toISOString();
    const lock = await control.acquire(at.toISOString(), staleBefore, token);
    if (lock.acquired) {
      lockId = lock.runId;
      break;
    }
    if (at.getTime() - started >= maxWaitMs) {
      throw new DeletionBlockedError(`Scoring run ${lock.holder} holds the lock; the deletion waited ${Math.round(maxWaitMs / 1000)} s and changed nothing. Run it again once the run has finished.`, lock.holder);
    }
    await sleep(pollMs);
  }
  let result: T;
  try {
    result = await work(lockId);
  } catch (error) {
    await control.release(lockId);
    throw error;
  }
  const finished = await control.finish(lockId, now().toISOString());
  if (!finished.released) {
    // Runs were requested while the deletion held the lock: the lock it was handed for them is
    // let go and a run requested the ordinary way, so single flight stays with the state machine.
    await control.release(finished.nextRunId);
    if (runs) await runs.request({ trigger: 'upload', uploads: [] });
  }
  return result;
}
