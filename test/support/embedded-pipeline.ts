import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoUploadManifest } from '../../functions/adapters/dynamo-upload-manifest.js';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.js';
import { SegmentsTable } from '../../functions/adapters/segments-table.js';
import type { PipelineDependencies } from '../../functions/shared/pipeline-dependencies.js';
import { DynamoRunControl } from '../../functions/adapters/dynamo-run-control.js';
import type { ScoringRuns } from '../../functions/pipeline/scoring-runs.js';
import type { RunDependencies } from '../../functions/run/run-dependencies.js';
import { localScoringRuns } from '../../infra/local/cli/local-scoring-runs.js';
import { createRunHandlers } from '../../infra/local/cli/run-handlers.js';
import { objectCreatedEventFor, startEmbeddedAws, suppressSdkNodeVersionWarning, type EmbeddedAws } from '../../infra/local/runtime/index.js';

/** s3rver + dynalite in a temp folder, and the handler dependencies wired to them. */
export interface EmbeddedPipeline {
  aws: EmbeddedAws;
  /** With `runs`: requests execute the local state machine, in process. */
  dependencies: PipelineDependencies & { runs: ScoringRuns };
  runDependencies: RunDependencies;
  upload(key: string, body: string | Uint8Array): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startEmbeddedPipeline(): Promise<EmbeddedPipeline> {
  suppressSdkNodeVersionWarning();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-test-'));
  const aws = await startEmbeddedAws({ stateDir });
  const documents = DynamoDBDocumentClient.from(aws.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const base: PipelineDependencies = {
    store: new S3ObjectStore(aws.s3, aws.bucket),
    table: new SegmentsTable(documents, aws.table),
    manifest: new DynamoUploadManifest(documents, aws.table),
    horizonDays: 90,
  };
  const runDependencies: RunDependencies = { ...base, control: new DynamoRunControl(documents, aws.table) };
  const runs = localScoringRuns(runDependencies, await createRunHandlers(() => runDependencies));
  return {
    aws,
    dependencies: { ...base, runs },
    runDependencies,
    async upload(key, body) {
      await aws.s3.send(new PutObjectCommand({ Bucket: aws.bucket, Key: key, Body: body }));
      return objectCreatedEventFor(aws.s3, aws.bucket, key);
    },
    async stop() {
      await aws.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
