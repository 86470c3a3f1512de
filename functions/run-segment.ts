import type { z } from 'zod';
import type { StageEvent } from './run/run-contract.js';
import type { RunDependencies } from './run/run-dependencies.js';
import { defaultRunDependencies } from './run/run-environment.js';
import { SegmentEventSchema } from './run/run-schemas.js';
import { withRunStage } from './run/run-stage.js';
import { segmentRun } from './run/segment-run.js';

/** Segment: the population statistics every shard segments against. */
export const createSegmentHandler = (dependencies: () => RunDependencies) =>
  withRunStage<z.infer<typeof SegmentEventSchema>, StageEvent>('Segment', SegmentEventSchema, async (event) => ({ run: await segmentRun(dependencies(), event) }));

export const handler = createSegmentHandler(defaultRunDependencies);
