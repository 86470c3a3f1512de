import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeS3Key } from '../../../functions/shared/s3-key.js';
import { startEmbeddedAws, type EmbeddedAws } from '../../../infra/local/runtime/start-embedded-aws.js';
import { objectCreatedEventFor } from '../../../infra/local/runtime/stored-object-event.js';

let stateDir: string;
let runtime: EmbeddedAws;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'stored-object-event-'));
  runtime = await startEmbeddedAws({ stateDir });
});

afterAll(async () => {
  await runtime.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('objectCreatedEventFor', () => {
  it('describes the stored object with its real size and ETag', async () => {
    const key = 'incoming/orders/week 48 – Köln.csv';
    const put = await runtime.s3.send(new PutObjectCommand({ Bucket: runtime.bucket, Key: key, Body: 'a,b\n1,2\n' }));

    const event = await objectCreatedEventFor(runtime.s3, runtime.bucket, key);

    const object = event.Records[0]?.s3.object;
    expect(decodeS3Key(object?.key ?? '')).toBe(key);
    expect(object?.size).toBe(8);
    expect(object?.eTag).toBe(put.ETag?.replaceAll('"', ''));
    expect(event.Records[0]?.s3.bucket.name).toBe(runtime.bucket);
  });
});
