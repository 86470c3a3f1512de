import type { z } from 'zod';
import type { ShardScores } from './run/run-contract.js';
import type { RunDependencies } from './run/run-dependencies.js';
import { defaultRunDependencies } from './run/run-environment.js';
import { ShardEventSchema } from './run/run-schemas.js';
import { withRunStage } from './run/run-stage.js';
import { scoreShard } from './run/score-shard.js';

/** ScoreShard (the Score map's item): features and predictions of one shard's customers. */
export const createScoreShardHandler = (dependencies: () => RunDependencies) =>
  withRunStage<z.infer<typeof ShardEventSchema>, ShardScores>('ScoreShard', ShardEventSchema, (event) => scoreShard(dependencies(), event));

export const handler = createScoreShardHandler(defaultRunDependencies);
