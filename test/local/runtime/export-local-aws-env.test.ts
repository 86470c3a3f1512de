import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../../functions/shared/resource-names.js';
import { exportLocalAwsEnv, type RestoreEnv } from '../../../infra/local/runtime/export-local-aws-env.js';
import { startEmbeddedAws, type EmbeddedAws } from '../../../infra/local/runtime/start-embedded-aws.js';

let stateDir: string;
let runtime: EmbeddedAws;
let restoreEnv: RestoreEnv;
const handlerStyleClients: Array<{ destroy(): void }> = [];

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'local-aws-env-'));
  runtime = await startEmbeddedAws({ stateDir });
  restoreEnv = exportLocalAwsEnv(runtime);
});

afterAll(async () => {
  restoreEnv();
  for (const client of handlerStyleClients) client.destroy();
  await runtime.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** How a handler builds its clients at module scope: nothing but the environment. */
function handlerStyleS3Client(): S3Client {
  const client = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
  handlerStyleClients.push(client);
  return client;
}

describe('exportLocalAwsEnv', () => {
  it('names the bucket and table where handlers look for them', () => {
    expect(process.env[ENV.bucket]).toBe(runtime.bucket);
    expect(process.env[ENV.table]).toBe(runtime.table);
    expect(process.env.AWS_REGION).toBe('us-east-1');
  });

  it('lets a client configured only by the environment reach embedded S3 and DynamoDB', async () => {
    const s3 = handlerStyleS3Client();
    const dynamo = new DynamoDBClient({});
    handlerStyleClients.push(dynamo);

    await s3.send(new PutObjectCommand({ Bucket: runtime.bucket, Key: 'reports/env.txt', Body: 'via env' }));
    const stored = await runtime.s3.send(new GetObjectCommand({ Bucket: runtime.bucket, Key: 'reports/env.txt' }));
    const table = await dynamo.send(new DescribeTableCommand({ TableName: runtime.table }));

    expect(await stored.Body?.transformToString()).toBe('via env');
    expect(table.Table?.TableName).toBe(runtime.table);
  });

  it('stores streamed uploads intact (no aws-chunked framing left in the object)', async () => {
    const s3 = handlerStyleS3Client();
    const content = Buffer.alloc(256 * 1024, 'x');

    await s3.send(
      new PutObjectCommand({
        Bucket: runtime.bucket,
        Key: 'clean/streamed.bin',
        Body: Readable.from([content]),
        ContentLength: content.length,
      }),
    );
    const stored = await s3.send(new GetObjectCommand({ Bucket: runtime.bucket, Key: 'clean/streamed.bin' }));

    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(content)).toBe(true);
  });

  it('puts every variable back as it was when restored', () => {
    const before = { ...process.env };
    const restore = exportLocalAwsEnv({ ...runtime, bucket: 'another-bucket' });

    restore();

    expect(process.env).toEqual(before);
  });
});
