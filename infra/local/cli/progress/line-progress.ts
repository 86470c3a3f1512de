import type { Log } from '../output/command-output.js';
import { formatSeconds, remainingSeconds, type StageListener, type StageState } from './stage-tracker.js';

export const DEFAULT_HEARTBEAT_MS = 10_000;

/**
 * Progress as plain lines, for logs (CI, Lambda, a pipe): a line when a stage starts and ends,
 * and while it runs one line every `intervalMs` with the time spent and, for a map, the shards
 * done and the time left.
 */
export function lineProgress(write: Log, options: { intervalMs?: number; now?: () => number } = {}): StageListener {
  const intervalMs = options.intervalMs ?? DEFAULT_HEARTBEAT_MS;
  const now = options.now ?? Date.now;
  const timers = new Map<StageState, ReturnType<typeof setInterval>>();
  return {
    started(stage) {
      write(`  … ${stage.label}…`);
      const timer = setInterval(() => write(`  … ${stage.label}: ${status(stage, now())}`), intervalMs);
      timer.unref();
      timers.set(stage, timer);
    },
    itemDone() {},
    ended(stage, at, ok) {
      clearInterval(timers.get(stage));
      timers.delete(stage);
      const seconds = ((at - stage.startedAt) / 1000).toFixed(1);
      write(ok ? `  … ${stage.label} done in ${seconds} s` : `  … ${stage.label} failed after ${seconds} s`);
    },
  };
}

export function status(stage: StageState, at: number): string {
  const elapsed = `${formatSeconds((at - stage.startedAt) / 1000)} elapsed`;
  if (stage.total === undefined) return `still running, ${elapsed}`;
  const left = remainingSeconds(stage, at);
  return `${stage.done}/${stage.total} shards done, ${elapsed}${left === undefined ? '' : `, about ${formatSeconds(left)} left`}`;
}
