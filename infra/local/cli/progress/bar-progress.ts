import cliProgress, { type GenericFormatter } from 'cli-progress';
import type { Log } from '../output/command-output.js';
import type { StageListener, StageState } from './stage-tracker.js';

/**
 * Progress on a terminal: while a stage runs, one redrawn line (cli-progress) with the time spent,
 * and for a map a bar of shards done with an estimate of the time left; when it ends, the line
 * gives way to the stage's "done in" line.
 */
export function barProgress(stream: NodeJS.WriteStream, write: Log): StageListener {
  const bars = new Map<StageState, cliProgress.SingleBar>();
  return {
    started(stage) {
      const map = stage.total !== undefined;
      const counts = `  … ${stage.label} [{bar}] {value}/{total} shards | {duration_formatted}`;
      // No estimate until a shard is done (cli-progress would show 0s).
      const format: GenericFormatter = (options, params, payload) =>
        cliProgress.Format.Formatter({ ...options, format: params.value > 0 ? `${counts} | about {eta_formatted} left` : counts }, params, payload);
      const bar = new cliProgress.SingleBar({
        stream,
        format: map ? format : `  … ${stage.label}… {duration_formatted}`,
        barsize: 24,
        hideCursor: false,
        clearOnComplete: true,
        etaBuffer: 4,
        fps: 4,
      });
      bar.start(stage.total ?? 1, 0);
      bars.set(stage, bar);
    },
    itemDone(stage) {
      bars.get(stage)?.update(stage.done);
    },
    ended(stage, at, ok) {
      bars.get(stage)?.stop();
      bars.delete(stage);
      const seconds = ((at - stage.startedAt) / 1000).toFixed(1);
      write(ok ? `  … ${stage.label} done in ${seconds} s` : `  … ${stage.label} failed after ${seconds} s`);
    },
  };
}
