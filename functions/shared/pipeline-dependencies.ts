import { DynamoUploadManifest } from '../adapters/dynamo-upload-manifest.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { SegmentsTable } from '../adapters/segments-table.js';
import { createDocumentClient, createS3Client, requiredEnv } from '../adapters/aws-clients.js';
import type { UploadManifest } from '../ingest/upload-manifest.js';
import type { ScoringRuns } from '../pipeline/scoring-runs.js';
import { ENV } from './resource-names.js';

/** What the handlers need from AWS; tests and the local runtime pass their own. */
export interface PipelineDependencies {
  store: S3ObjectStore;
  table: SegmentsTable;
  manifest: UploadManifest;
  horizonDays: number;
  /** The deployment's CLV horizon, used when the configuration file gives none; absent: 365 days. */
  clvHorizonDays?: number;
  /** Where ingest hands over to a scoring run; by default the run happens inline. */
  runs?: ScoringRuns;
  onProgress?: (message: string) => void;
}

/** Clients and resources named by the environment (Lambda's, or the local runtime's). */
export function dependenciesFromEnv(): PipelineDependencies {
  const documents = createDocumentClient();
  const table = requiredEnv(ENV.table);
  return {
    store: new S3ObjectStore(createS3Client(), requiredEnv(ENV.bucket)),
    table: new SegmentsTable(documents, table),
    manifest: new DynamoUploadManifest(documents, table),
    horizonDays: Number(process.env[ENV.horizonDays] ?? 90),
    ...(process.env[ENV.clvHorizonDays] ? { clvHorizonDays: Number(process.env[ENV.clvHorizonDays]) } : {}),
  };
}

let defaults: PipelineDependencies | undefined;

/** Built on first use and then kept for the life of the execution environment. */
export function defaultDependencies(): PipelineDependencies {
  defaults ??= dependenciesFromEnv();
  return defaults;
}
