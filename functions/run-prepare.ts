import type { z } from 'zod';
import { prepareRun } from './run/prepare-run.js';
import type { StageEvent } from './run/run-contract.js';
import type { RunDependencies } from './run/run-dependencies.js';
import { defaultRunDependencies } from './run/run-environment.js';
import { StageEventSchema } from './run/run-schemas.js';
import { withRunStage } from './run/run-stage.js';

/** Prepare: snapshots the data, decides the day and training, writes the shards. */
export const createPrepareHandler = (dependencies: () => RunDependencies) =>
  withRunStage<z.infer<typeof StageEventSchema>, StageEvent>('Prepare', StageEventSchema, async (event) => ({ run: await prepareRun(dependencies(), event.run) }));

export const handler = createPrepareHandler(defaultRunDependencies);
