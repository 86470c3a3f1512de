/**
 * Single flight for scoring runs, on one control record: at most one run holds the lock; requests
 * that arrive while it runs are remembered, and the holder runs once more for all of them before
 * it lets go. Releasing and checking for requests are one conditional write, so a request can never
 * fall between a run's last check and its release.
 */
export interface RunControl {
  /**
   * Records a request; `running` tells whether a run holds the lock (it will pick the request up),
   * `pendingSince` when the oldest request still waiting was made.
   */
  request(at: string): Promise<{ running: boolean; pendingSince: string }>;
  /**
   * Takes the lock for a new run and consumes the pending requests; a lock older than `staleBefore`
   * is taken over. `token` names the request (Start's input): taking the lock again with the same
   * token (Start retried after it succeeded) returns the same run instead of refusing.
   */
  acquire(at: string, staleBefore: string, token: string): Promise<{ acquired: true; runId: string } | { acquired: false; holder: string }>;
  /**
   * At the end of a run: releases the lock when nothing was requested meanwhile; otherwise keeps it
   * for a follow-up run, consuming the requests, and returns that run's id (the same id again when
   * called again for the same run).
   */
  finish(runId: string, at: string): Promise<{ released: true } | { released: false; nextRunId: string }>;
  /** Releases the lock after a failure; pending requests stay for the next trigger. */
  release(runId: string): Promise<void>;
}

export interface ControlRecord {
  lockRunId?: string;
  lockedAt?: string;
  /** The request that took the lock: Start's token, or `after:<runId>` for a follow-up run. */
  lockToken?: string;
  pendingSince?: string;
  pendingCount?: number;
  runSeq?: number;
}

/** Run ids are generations: they sort by the time the run took the lock (a random tail keeps them unique). */
export const newRunId = (at: string): string =>
  `r${at.replace(/[-:.TZ]/g, '').slice(0, 17)}-${Math.random().toString(36).slice(2, 6)}`;

/** The same contract in memory, for tests of the stages. */
export class InMemoryRunControl implements RunControl {
  record: ControlRecord = {};

  async request(at: string) {
    this.record.pendingSince ??= at;
    this.record.pendingCount = (this.record.pendingCount ?? 0) + 1;
    return { running: this.record.lockRunId !== undefined, pendingSince: this.record.pendingSince };
  }

  async acquire(at: string, staleBefore: string, token: string) {
    const { lockRunId, lockedAt, lockToken } = this.record;
    if (lockRunId && lockToken === token) return { acquired: true as const, runId: lockRunId };
    if (lockRunId && lockedAt && lockedAt >= staleBefore) return { acquired: false as const, holder: lockRunId };
    return { acquired: true as const, runId: this.lockNext(at, token) };
  }

  async finish(runId: string, at: string) {
    if (this.record.lockRunId && this.record.lockToken === `after:${runId}`) return { released: false as const, nextRunId: this.record.lockRunId };
    if (this.record.lockRunId !== runId) return { released: true as const };
    if (this.record.pendingSince === undefined) {
      delete this.record.lockRunId;
      delete this.record.lockedAt;
      return { released: true as const };
    }
    return { released: false as const, nextRunId: this.lockNext(at, `after:${runId}`) };
  }

  async release(runId: string) {
    if (this.record.lockRunId !== runId) return;
    delete this.record.lockRunId;
    delete this.record.lockedAt;
  }

  private lockNext(at: string, token: string): string {
    this.record.runSeq = (this.record.runSeq ?? 0) + 1;
    this.record.lockRunId = newRunId(at);
    this.record.lockedAt = at;
    this.record.lockToken = token;
    delete this.record.pendingSince;
    delete this.record.pendingCount;
    return this.record.lockRunId;
  }
}
