import type { z } from 'zod';
import { abandonRun, type AbandonResult } from './run/abandon-run.js';
import type { AbandonEvent } from './run/run-contract.js';
import type { RunDependencies } from './run/run-dependencies.js';
import { defaultRunDependencies } from './run/run-environment.js';
import { AbandonEventSchema } from './run/run-schemas.js';
import { withRunStage } from './run/run-stage.js';

/** Abandon: marks the run failed, keeps its error in the report and releases the lock. */
export const createAbandonHandler = (dependencies: () => RunDependencies) =>
  withRunStage<z.infer<typeof AbandonEventSchema>, AbandonResult>('Abandon', AbandonEventSchema, (event) => abandonRun(dependencies(), event as AbandonEvent));

export const handler = createAbandonHandler(defaultRunDependencies);
