import { describe, expect, it } from 'vitest';
import { DeletionBlockedError, withDeletionLock } from '../../../functions/forget/index.js';
import type { ScoringRunRequest } from '../../../functions/pipeline/scoring-runs.js';
import { InMemoryRunControl } from '../../../functions/run/run-control.js';

const clock = () => {
  let t = Date.parse('2026-12-01T10:00:00Z');
  return { now: () => new Date(t), sleep: async (ms: number) => void (t += ms) };
};

describe('withDeletionLock', () => {
  it('holds the scoring runs\' lock while it works and lets go after', async () => {
    const control = new InMemoryRunControl();
    const seen = await withDeletionLock(control, undefined, 'forget:d1', async (lockId) => {
      expect(control.record.lockRunId).toBe(lockId);
      const run = await control.acquire(new Date().toISOString(), '2000-01-01T00:00:00Z', 'start:upload:x');
      expect(run).toEqual({ acquired: false, holder: lockId });
      return 'done';
    }, clock());
    expect(seen).toBe('done');
    expect(control.record.lockRunId).toBeUndefined();
  });

  it('waits for a run holding the lock, then fails with nothing done once the wait is over', async () => {
    const control = new InMemoryRunControl();
    const run = await control.acquire('2026-12-01T09:59:00Z', '2026-12-01T00:00:00Z', 'start:upload:a');
    let worked = false;
    const attempt = withDeletionLock(control, undefined, 'forget:d2', async () => {
      worked = true;
    }, { ...clock(), maxWaitMs: 60_000, pollMs: 5_000 });
    await expect(attempt).rejects.toBeInstanceOf(DeletionBlockedError);
    await expect(attempt).rejects.toMatchObject({ holder: run.acquired ? run.runId : '' });
    expect(worked).toBe(false);
  });

  it('goes ahead as soon as the run lets go', async () => {
    const control = new InMemoryRunControl();
    const run = await control.acquire('2026-12-01T09:59:00Z', '2026-12-01T00:00:00Z', 'start:upload:a');
    const time = clock();
    let polls = 0;
    const result = await withDeletionLock(control, undefined, 'forget:d3', async () => 'after the run', {
      now: time.now,
      sleep: async (ms) => {
        polls += 1;
        if (polls === 2 && run.acquired) await control.finish(run.runId, time.now().toISOString());
        await time.sleep(ms);
      },
    });
    expect(result).toBe('after the run');
    expect(polls).toBe(2);
  });

  it('releases the lock when the work fails', async () => {
    const control = new InMemoryRunControl();
    await expect(withDeletionLock(control, undefined, 'forget:d4', async () => {
      throw new Error('S3 down');
    }, clock())).rejects.toThrow('S3 down');
    expect(control.record.lockRunId).toBeUndefined();
  });

  it('asks for the run that was requested while it held the lock (no run would come back for it)', async () => {
    const control = new InMemoryRunControl();
    const requests: ScoringRunRequest[] = [];
    const runs = { request: async (request: ScoringRunRequest) => (requests.push(request), { started: true }) };
    await withDeletionLock(control, runs, 'forget:d5', async () => {
      expect(await control.request('2026-12-01T10:00:01Z')).toMatchObject({ running: true });
    }, clock());
    expect(requests).toEqual([{ trigger: 'upload', uploads: [] }]);
    expect(control.record.lockRunId).toBeUndefined();
  });
});
