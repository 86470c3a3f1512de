import { afterEach, describe, expect, it, vi } from 'vitest';
import { lineProgress } from '../../../infra/local/cli/progress/line-progress.js';
import { trackStages } from '../../../infra/local/cli/progress/stage-tracker.js';
import type { ScoringRunEvent } from '../../../infra/local/runtime/scoring-run/index.js';

const shards = (count: number) => ({ run: { shards: Array.from({ length: count }, (_, index) => ({ index })) } });

afterEach(() => {
  vi.useRealTimers();
});

describe('progress of a scoring run as plain lines (not a terminal)', () => {
  it('prints a heartbeat while a single stage runs, and shards done with the time left while a map runs', () => {
    vi.useFakeTimers({ now: 0 });
    const lines: string[] = [];
    const track = trackStages(lineProgress((line) => lines.push(line), { now: () => Date.now() }));
    const at = () => Date.now();

    track({ type: 'StateExited', at: at(), state: 'Prepare', stateType: 'Task', output: shards(4) } as ScoringRunEvent);
    track({ type: 'StateEntered', at: at(), state: 'Train', stateType: 'Task' });
    vi.advanceTimersByTime(25_000);
    track({ type: 'StateExited', at: at(), state: 'Train', stateType: 'Task', output: shards(4) } as ScoringRunEvent);
    track({ type: 'StateEntered', at: at(), state: 'Write', stateType: 'Map' });
    vi.advanceTimersByTime(5_000);
    track({ type: 'MapIterationSucceeded', at: at(), state: 'Write', stateType: 'Map', mapIndex: 0 });
    vi.advanceTimersByTime(5_000);
    track({ type: 'StateEntered', at: at(), state: 'WriteShard', stateType: 'Task', mapIndex: 1 });
    vi.advanceTimersByTime(10_000);
    track({ type: 'StateExited', at: at(), state: 'Write', stateType: 'Map' });
    vi.advanceTimersByTime(30_000);

    expect(lines).toEqual([
      '  … train…',
      '  … train: still running, 10 s elapsed',
      '  … train: still running, 20 s elapsed',
      '  … train done in 25.0 s',
      '  … write (delta writes per shard)…',
      '  … write (delta writes per shard): 1/4 shards done, 10 s elapsed, about 30 s left',
      '  … write (delta writes per shard): 1/4 shards done, 20 s elapsed, about 1 min 00 s left',
      '  … write (delta writes per shard) done in 20.0 s',
    ]);
  });

  it('says when a stage failed and stops its heartbeat', () => {
    vi.useFakeTimers({ now: 0 });
    const lines: string[] = [];
    const track = trackStages(lineProgress((line) => lines.push(line)));

    track({ type: 'StateEntered', at: 0, state: 'Publish', stateType: 'Task' });
    track({ type: 'StateFailed', at: 2_000, state: 'Publish', stateType: 'Task', error: { Error: 'Boom', Cause: '' } });
    vi.advanceTimersByTime(60_000);

    expect(lines).toEqual(['  … publish (catalogue, audiences, report, pointer)…', '  … publish (catalogue, audiences, report, pointer) failed after 2.0 s']);
  });
});
