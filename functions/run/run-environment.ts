import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createDocumentClient, requiredEnv } from '../adapters/aws-clients.js';
import { EventBridgeSegmentChangeSink, JsonLinesSegmentChangeSink, type SegmentChangeSink } from '../adapters/segment-change-events.js';
import { DynamoRunControl } from '../adapters/dynamo-run-control.js';
import { StateMachineScoringRuns, createSfnClient } from '../adapters/state-machine-runs.js';
import type { ScoringRuns } from '../pipeline/scoring-runs.js';
import { traced } from '../shared/observability.js';
import { dependenciesFromEnv } from '../shared/pipeline-dependencies.js';
import { ENV } from '../shared/resource-names.js';
import type { RunDependencies } from './run-dependencies.js';

/** The stages' clients and resources named by the environment (Lambda's, or the local runtime's). */
export function runDependenciesFromEnv(): RunDependencies {
  const segmentChanges = segmentChangeSinkFromEnv();
  return { ...dependenciesFromEnv(), control: new DynamoRunControl(createDocumentClient(), requiredEnv(ENV.table)), ...(segmentChanges ? { segmentChanges } : {}) };
}

/** The bus named by SEGMENT_EVENT_BUS (AWS), else the folder named by SEGMENT_EVENTS_DIR (local), else none. */
function segmentChangeSinkFromEnv(): SegmentChangeSink | undefined {
  const bus = process.env[ENV.segmentEventBus];
  if (bus) return new EventBridgeSegmentChangeSink(traced(new EventBridgeClient({})), bus);
  const dir = process.env[ENV.segmentEventsDir];
  return dir ? new JsonLinesSegmentChangeSink(dir) : undefined;
}

let defaults: RunDependencies | undefined;

/** Built on first use and then kept for the life of the execution environment. */
export function defaultRunDependencies(): RunDependencies {
  defaults ??= runDependenciesFromEnv();
  return defaults;
}

let runs: ScoringRuns | undefined;

/** The scoring-run state machine named by the environment (ingest and the nightly schedule request runs from it). */
export function defaultScoringRuns(): ScoringRuns {
  runs ??= new StateMachineScoringRuns(createSfnClient(), requiredEnv(ENV.scoringRunStateMachine), defaultRunDependencies().control);
  return runs;
}
