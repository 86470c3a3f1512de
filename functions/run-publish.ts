import type { z } from 'zod';
import { publishRun } from './run/publish-run.js';
import type { PublishResult } from './run/run-contract.js';
import type { RunDependencies } from './run/run-dependencies.js';
import { defaultRunDependencies } from './run/run-environment.js';
import { PublishEventSchema } from './run/run-schemas.js';
import { withRunStage } from './run/run-stage.js';

/** Publish: catalogue, audiences, report, pointer flip, then the lock released or kept for one more run. */
export const createPublishHandler = (dependencies: () => RunDependencies) =>
  withRunStage<z.infer<typeof PublishEventSchema>, PublishResult>('Publish', PublishEventSchema, (event) => publishRun(dependencies(), event));

export const handler = createPublishHandler(defaultRunDependencies);
