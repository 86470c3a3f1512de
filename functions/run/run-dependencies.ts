import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import type { SegmentChangeSink } from '../adapters/segment-change-events.js';
import type { SegmentsTable } from '../adapters/segments-table.js';
import type { UploadManifest } from '../ingest/upload-manifest.js';
import type { RunControl } from './run-control.js';

/** What the stages need; the handlers build it from the environment, tests and the CLI pass their own. */
export interface RunDependencies {
  store: S3ObjectStore;
  table: SegmentsTable;
  manifest: UploadManifest;
  control: RunControl;
  /** Where Publish sends each membership change (entered/exited); none: changes are counted, not sent. */
  segmentChanges?: SegmentChangeSink;
  horizonDays: number;
  /** The deployment's CLV horizon, used when the configuration file gives none; absent: 365 days. */
  clvHorizonDays?: number;
  now?: () => Date;
  onProgress?: (message: string) => void;
}

export const nowOf = (deps: Pick<RunDependencies, 'now'>): Date => (deps.now ?? (() => new Date()))();
export const progressOf = (deps: Pick<RunDependencies, 'onProgress'>) => deps.onProgress ?? (() => {});
