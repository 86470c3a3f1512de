import { readFileSync } from 'node:fs';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import { describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNT, LOCAL_REGION, dataBucketName } from '../../../functions/shared/resource-names.js';
import { decodeS3Key } from '../../../functions/shared/s3-key.js';
import { incomingPrefix } from '../../../functions/shared/storage-layout.js';
import { buildS3ObjectCreatedEvent } from '../../../infra/local/runtime/s3-events.js';
import { buildScheduledEvent } from '../../../infra/local/runtime/scheduled-events.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../events/${name}`, import.meta.url), 'utf8'));

/** Every property path of a JSON value, so two events can be compared by shape. */
function shapeOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => shapeOf(item, `${path}[]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => [`${path}.${key}`, ...shapeOf(child, `${path}.${key}`)]);
  }
  return [];
}

describe('events/ fixtures', () => {
  it.each([
    ['s3-object-created-orders.json', 'orders'],
    ['s3-object-created-customers.json', 'customers'],
  ] as const)('%s is an S3 ObjectCreated event for an incoming %s extract', (name, kind) => {
    const event = S3Schema.parse(fixture(name));

    const record = event.Records[0];
    expect(record?.s3.bucket.name).toBe(dataBucketName(LOCAL_ACCOUNT, LOCAL_REGION));
    expect(decodeS3Key(record?.s3.object.key ?? '').startsWith(incomingPrefix(kind))).toBe(true);
  });

  it('has the same shape as the events the local runtime builds for a versioned bucket', () => {
    const built = buildS3ObjectCreatedEvent({ bucket: 'b-b-b', key: 'k', size: 1, eTag: 'e', versionId: 'v' });

    expect(shapeOf(fixture('s3-object-created-orders.json')).sort()).toEqual(shapeOf(built).sort());
    expect(shapeOf(fixture('s3-object-created-customers.json')).sort()).toEqual(shapeOf(built).sort());
  });

  it('encodes the orders key with a space and a non-ASCII character, as S3 does', () => {
    const event = S3Schema.parse(fixture('s3-object-created-orders.json'));

    const encodedKey = event.Records[0]?.s3.object.key ?? '';
    expect(encodedKey).toBe('incoming/orders/orders+export+2024-12+Z%C3%BCrich.csv.gz');
    expect(decodeS3Key(encodedKey)).toBe('incoming/orders/orders export 2024-12 Zürich.csv.gz');
  });

  it('nightly-rescore-schedule.json is an EventBridge Scheduled Event shaped like the built ones', () => {
    const event = EventBridgeSchema.parse(fixture('nightly-rescore-schedule.json'));
    const built = buildScheduledEvent({ ruleName: 'nightly', time: new Date('2025-01-07T02:00:00.000Z') });

    expect(event['detail-type']).toBe('Scheduled Event');
    expect(event.source).toBe('aws.events');
    expect(event.detail).toEqual({});
    expect(event.resources[0]).toMatch(/^arn:aws:events:us-east-1:000000000000:rule\//);
    expect(built.time).toBe('2025-01-07T02:00:00Z');
    expect(shapeOf(event).sort()).toEqual(shapeOf(built).sort());
  });
});
