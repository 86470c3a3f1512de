import type { z } from 'zod';
import type { StageEvent } from './run/run-contract.js';
import type { RunDependencies } from './run/run-dependencies.js';
import { defaultRunDependencies } from './run/run-environment.js';
import { StageEventSchema } from './run/run-schemas.js';
import { withRunStage } from './run/run-stage.js';
import { trainRun } from './run/train-run.js';

/** Train: fits a challenger on the snapshot and promotes it when it is not worse (champion/challenger). */
export const createTrainHandler = (dependencies: () => RunDependencies) =>
  withRunStage<z.infer<typeof StageEventSchema>, StageEvent>('Train', StageEventSchema, async (event) => ({ run: await trainRun(dependencies(), event.run) }));

export const handler = createTrainHandler(defaultRunDependencies);
