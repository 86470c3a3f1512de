import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import type { ScoringRunHandlers } from '../runtime/scoring-run/index.js';

/**
 * Every task state's handler, built by the same factories the Lambda entry points use, with the
 * given dependencies (imported lazily: the handler modules read the environment when loaded).
 */
export async function createRunHandlers(deps: () => RunDependencies): Promise<ScoringRunHandlers> {
  const [start, prepare, train, scoreShard, segment, writeShard, publish, abandon] = await Promise.all([
    import('../../../functions/run-start.js'),
    import('../../../functions/run-prepare.js'),
    import('../../../functions/run-train.js'),
    import('../../../functions/run-score-shard.js'),
    import('../../../functions/run-segment.js'),
    import('../../../functions/run-write-shard.js'),
    import('../../../functions/run-publish.js'),
    import('../../../functions/run-abandon.js'),
  ]);
  return {
    Start: start.createStartHandler(deps),
    Prepare: prepare.createPrepareHandler(deps),
    Train: train.createTrainHandler(deps),
    ScoreShard: scoreShard.createScoreShardHandler(deps),
    Segment: segment.createSegmentHandler(deps),
    WriteShard: writeShard.createWriteShardHandler(deps),
    Publish: publish.createPublishHandler(deps),
    Abandon: abandon.createAbandonHandler(deps),
  } as unknown as ScoringRunHandlers;
}
