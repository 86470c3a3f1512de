import type { z } from 'zod';
import { withRunStage } from './run/run-stage.js';
import type { StartResult } from './run/run-contract.js';
import type { RunDependencies } from './run/run-dependencies.js';
import { defaultRunDependencies } from './run/run-environment.js';
import { RunTriggerSchema } from './run/run-schemas.js';
import { startRun } from './run/start-run.js';

/** Start: takes the single-flight lock, or ends the execution when a run holds it. */
export const createStartHandler = (dependencies: () => RunDependencies) =>
  withRunStage<z.infer<typeof RunTriggerSchema>, StartResult>('Start', RunTriggerSchema, (event) => startRun(dependencies(), event));

export const handler = createStartHandler(defaultRunDependencies);
