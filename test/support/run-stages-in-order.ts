import { abandonRun } from '../../functions/run/abandon-run.js';
import { prepareRun } from '../../functions/run/prepare-run.js';
import { publishRun } from '../../functions/run/publish-run.js';
import type { PublishResult, RunContext, RunTrigger, ShardScores, ShardSummary } from '../../functions/run/run-contract.js';
import type { RunDependencies } from '../../functions/run/run-dependencies.js';
import { scoreShard } from '../../functions/run/score-shard.js';
import { segmentRun } from '../../functions/run/segment-run.js';
import { startRun } from '../../functions/run/start-run.js';
import { trainRun } from '../../functions/run/train-run.js';
import { writeShard } from '../../functions/run/write-shard.js';

/**
 * The stages called in the order the state machine calls them, without the state machine: for
 * tests of the stages' effects. `failAt` throws at that stage (after the stages before it ran),
 * as a killed or failing execution would stop there, then runs Abandon as the Catch does.
 */
export async function runStagesInOrder(
  deps: RunDependencies,
  trigger: RunTrigger,
  options: {
    failAt?: 'Prepare' | 'Train' | 'ScoreShard' | 'Segment' | 'WriteShard' | 'Publish';
    failAfterShards?: number;
    /** Told before each stage (and before each shard of the maps), e.g. to turn on faults at the SDK client. */
    onStage?: (stage: string, shard?: number) => void;
  } = {},
): Promise<{ started: boolean; finished: PublishResult['finished'][]; shardResults: ShardSummary[] }> {
  const start = await startRun(deps, trigger);
  if (!start.acquired) return { started: false, finished: [], shardResults: [] };
  let run: RunContext | null = start.run;
  const finished: PublishResult['finished'][] = [];
  let shardResults: ShardSummary[] = [];
  const fail = (stage: string, shard?: number) => {
    options.onStage?.(stage, shard);
    if (options.failAt === stage) throw new Error(`injected failure at ${stage}`);
  };
  while (run) {
    const current: RunContext = run;
    try {
      fail('Prepare');
      let prepared = await prepareRun(deps, current);
      if (prepared.train) {
        fail('Train');
        prepared = await trainRun(deps, prepared);
      }
      const scores: ShardScores[] = [];
      for (const shard of prepared.shards) {
        fail('ScoreShard', shard.index);
        scores.push(await scoreShard(deps, { run: prepared, shard }));
      }
      fail('Segment');
      const segmented = await segmentRun(deps, { run: prepared, shardScores: scores });
      shardResults = [];
      for (const shard of segmented.shards) {
        options.onStage?.('WriteShard', shard.index);
        if (options.failAt === 'WriteShard' && shardResults.length >= (options.failAfterShards ?? 0)) throw new Error('injected failure at WriteShard');
        shardResults.push(await writeShard(deps, { run: segmented, shard }));
      }
      fail('Publish');
      const published = await publishRun(deps, { run: segmented, shardResults });
      finished.push(published.finished);
      run = published.run;
    } catch (error) {
      await abandonRun(deps, { run: current, error: { Error: 'Error', Cause: (error as Error).message } });
      throw error;
    }
  }
  return { started: true, finished, shardResults };
}
