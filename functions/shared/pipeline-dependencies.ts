import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { SegmentsTable } from '../adapters/segments-table.js';
import { createDocumentClient, createS3Client, requiredEnv } from '../adapters/aws-clients.js';
import { ENV } from './resource-names.js';

/** What the handlers need from AWS; tests and the local runtime pass their own. */
export interface PipelineDependencies {
  store: S3ObjectStore;
  table: SegmentsTable;
  horizonDays: number;
  onProgress?: (message: string) => void;
}

/** Clients and resources named by the environment (Lambda's, or the local runtime's). */
export function dependenciesFromEnv(): PipelineDependencies {
  return {
    store: new S3ObjectStore(createS3Client(), requiredEnv(ENV.bucket)),
    table: new SegmentsTable(createDocumentClient(), requiredEnv(ENV.table)),
    horizonDays: Number(process.env[ENV.horizonDays] ?? 90),
  };
}

let defaults: PipelineDependencies | undefined;

/** Built on first use and then kept for the life of the execution environment. */
export function defaultDependencies(): PipelineDependencies {
  defaults ??= dependenciesFromEnv();
  return defaults;
}
