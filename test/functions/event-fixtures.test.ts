import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestHandler } from '../../functions/ingest-upload.js';
import { createNightlyRescoreHandler } from '../../functions/nightly-rescore.js';
import { S3NotificationSchema } from '../../functions/shared/s3-event-schema.js';
import { invokeLocally } from '../../infra/local/runtime/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../support/embedded-pipeline.js';
import { syntheticExtracts } from '../support/synthetic-extracts.js';

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../events', name), 'utf8'));
let pipeline: EmbeddedPipeline;

beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 60_000);
afterAll(async () => pipeline?.stop());

describe('the sample events in events/ drive the handlers unchanged', () => {
  it('the S3 fixture (URL-encoded key with a space and ü) ingests the object stored under the decoded key', async () => {
    const event = fixture('s3-object-created-orders.json');
    const stored = await pipeline.aws.s3.send(
      new PutObjectCommand({ Bucket: pipeline.aws.bucket, Key: 'incoming/orders/orders export 2024-12 Zürich.csv.gz', Body: gzipSync(syntheticExtracts(200).ordersCsv) }),
    );
    // The event announces the object stored here: its ETag (s3rver keeps no versions, so the ETag decides).
    event.Records[0].s3.object.eTag = stored.ETag?.replaceAll('"', '');
    const handler = createIngestHandler(() => pipeline.dependencies);

    const result = await invokeLocally(handler, event, { functionName: 'ingest-upload' });

    expect(result.outcomes[0]).toMatchObject({ status: 'accepted', key: 'incoming/orders/orders export 2024-12 Zürich.csv.gz', report: { format: 'csv.gz' } });
    expect(result.run?.reports?.[0]?.customers).toBe(200);
  }, 120_000);

  it('the schedule fixture rescores as of its day', async () => {
    const handler = createNightlyRescoreHandler(() => pipeline.dependencies);

    const outcome = await invokeLocally(handler, fixture('nightly-rescore-schedule.json'), { functionName: 'nightly-rescore' });

    expect(outcome.reports?.[0]).toMatchObject({ asOf: '2025-01-07', customers: 200, model: { trainedThisRun: false } });
  }, 120_000);

  it('the IPv6 fixture (an upload over a dual-stack endpoint) passes the event schema', () => {
    const event = S3NotificationSchema.parse(fixture('s3-object-created-ipv6.json'));

    expect(event.Records[0]?.requestParameters.sourceIPAddress).toBe('2001:db8:4006:812::200e');
  });

  it('an event that is not an S3 notification is refused before any work', async () => {
    const handler = createIngestHandler(() => pipeline.dependencies);

    const attempt = invokeLocally(handler, { Records: [{ eventSource: 'aws:sqs' }] } as never, { functionName: 'ingest-upload' });

    await expect(attempt).rejects.toThrow();
  });
});
