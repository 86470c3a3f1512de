import type { z } from 'zod';
import type { ShardSummary } from './run/run-contract.js';
import type { RunDependencies } from './run/run-dependencies.js';
import { defaultRunDependencies } from './run/run-environment.js';
import { ShardEventSchema } from './run/run-schemas.js';
import { withRunStage } from './run/run-stage.js';
import { writeShard } from './run/write-shard.js';

/** WriteShard (the Write map's item): segments one shard and writes only what changed in its buckets. */
export const createWriteShardHandler = (dependencies: () => RunDependencies) =>
  withRunStage<z.infer<typeof ShardEventSchema>, ShardSummary>('WriteShard', ShardEventSchema, (event) => writeShard(dependencies(), event));

export const handler = createWriteShardHandler(defaultRunDependencies);
