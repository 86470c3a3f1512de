import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoUploadManifest } from '../../functions/adapters/dynamo-upload-manifest.js';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.js';
import { SegmentsTable } from '../../functions/adapters/segments-table.js';
import type { PipelineDependencies } from '../../functions/shared/pipeline-dependencies.js';
import { objectCreatedEventFor, startEmbeddedAws, suppressSdkNodeVersionWarning, type EmbeddedAws } from '../../infra/local/runtime/index.js';

/** s3rver + dynalite in a temp folder, and the handler dependencies wired to them. */
export interface EmbeddedPipeline {
  aws: EmbeddedAws;
  dependencies: PipelineDependencies;
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
  const dependencies: PipelineDependencies = {
    store: new S3ObjectStore(aws.s3, aws.bucket),
    table: new SegmentsTable(documents, aws.table),
    manifest: new DynamoUploadManifest(documents, aws.table),
    horizonDays: 90,
  };
  return {
    aws,
    dependencies,
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
