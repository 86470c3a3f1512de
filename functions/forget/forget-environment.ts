import { AUDIENCE_DESTINATIONS } from '../../models/audiences/destinations/index.js';
import { createDocumentClient, requiredEnv } from '../adapters/aws-clients.js';
import { S3TableLedgerStore } from '../adapters/customer-items/index.js';
import { S3SuppressionList } from '../adapters/suppression-list.js';
import type { ScoringRuns } from '../pipeline/scoring-runs.js';
import type { RunDependencies } from '../run/run-dependencies.js';
import { ENV } from '../shared/resource-names.js';
import { PREFIXES } from '../shared/storage-layout.js';
import type { ForgetDependencies } from './forget-people.js';
import type { SegmentEventsTarget } from './segment-event-files.js';

/** The segment change events' destination the environment names: the bus (AWS), else the folder (local), else none. */
export function segmentEventsTargetFromEnv(): SegmentEventsTarget {
  const bus = process.env[ENV.segmentEventBus];
  if (bus) return { kind: 'bus', name: bus };
  const dir = process.env[ENV.segmentEventsDir];
  return dir ? { kind: 'folder', dir } : { kind: 'none' };
}

/** A deletion's dependencies over the run stages' own (the same bucket, table, lock and run requests). */
export function forgetDependenciesOf(
  run: Pick<RunDependencies, 'store' | 'table' | 'control' | 'now' | 'onProgress'>,
  options: { runs?: ScoringRuns; noncurrentVersionRetentionDays?: number } = {},
): ForgetDependencies {
  return {
    store: run.store,
    table: { documents: createDocumentClient(), tableName: requiredEnv(ENV.table), table: run.table, ledgers: new S3TableLedgerStore(run.store, PREFIXES.tableLedgers) },
    control: run.control,
    suppression: new S3SuppressionList(run.store),
    segmentEvents: segmentEventsTargetFromEnv(),
    destinations: AUDIENCE_DESTINATIONS,
    ...(options.runs ? { runs: options.runs } : {}),
    ...(options.noncurrentVersionRetentionDays !== undefined ? { noncurrentVersionRetentionDays: options.noncurrentVersionRetentionDays } : {}),
    ...(run.now ? { now: run.now } : {}),
    ...(run.onProgress ? { onProgress: run.onProgress } : {}),
  };
}
