import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeS3Key } from '../../../functions/shared/s3-key.js';
import { encodeS3EventKey } from '../../../infra/local/runtime/s3-event-key.js';
import { buildS3ObjectCreatedEvent } from '../../../infra/local/runtime/s3-events.js';

const details = {
  bucket: 'predictive-segments-data-000000000000-us-east-1',
  key: 'incoming/orders/orders.csv',
  size: 1234,
  eTag: '"d41d8cd98f00b204e9800998ecf8427e"',
};

describe('buildS3ObjectCreatedEvent', () => {
  it('builds one ObjectCreated:Put record that passes the Lambda S3 event schema', () => {
    const event = buildS3ObjectCreatedEvent({ ...details, eventTime: new Date('2024-11-29T08:15:00.123Z') });

    const record = S3Schema.parse(event).Records[0];
    expect(event.Records).toHaveLength(1);
    expect(record?.eventVersion).toBe('2.1');
    expect(record?.eventName).toBe('ObjectCreated:Put');
    expect(record?.eventTime).toBe('2024-11-29T08:15:00.123Z');
    expect(record?.awsRegion).toBe('us-east-1');
    expect(record?.s3.s3SchemaVersion).toBe('1.0');
    expect(record?.s3.bucket.arn).toBe(`arn:aws:s3:::${details.bucket}`);
    expect(record?.s3.object).toMatchObject({ key: details.key, size: 1234, eTag: 'd41d8cd98f00b204e9800998ecf8427e' });
    expect(record?.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);
  });

  it('carries a versionId only for a versioned bucket', () => {
    const unversioned = buildS3ObjectCreatedEvent(details).Records[0]?.s3.object;
    const versioned = buildS3ObjectCreatedEvent({ ...details, versionId: '3HL4kqtJlcpXroDTDmJ' }).Records[0]?.s3.object;

    expect(unversioned).not.toHaveProperty('versionId');
    expect(versioned?.versionId).toBe('3HL4kqtJlcpXroDTDmJ');
  });

  it('gives later events on a key larger sequencers', () => {
    const sequencers = [1, 2, 3].map(() => buildS3ObjectCreatedEvent(details).Records[0]?.s3.object.sequencer ?? '');

    expect([...sequencers].sort()).toEqual(sequencers);
    expect(new Set(sequencers).size).toBe(3);
  });
});

describe('S3 event key encoding', () => {
  it.each([
    ['red flower.jpg', 'red+flower.jpg'],
    ['incoming/orders/a+b.csv', 'incoming/orders/a%2Bb.csv'],
    ['incoming/orders/orders (1).csv', 'incoming/orders/orders+%281%29.csv'],
    ['incoming/customers/München.csv', 'incoming/customers/M%C3%BCnchen.csv'],
    ['dt=2024-12-31/part:1.csv', 'dt%3D2024-12-31/part%3A1.csv'],
  ])('encodes %s as S3 does', (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
  });

  it('decodes back to the original key for any key', () => {
    const anyKey = fc.string({ unit: 'binary', minLength: 1, maxLength: 200 });

    fc.assert(
      fc.property(anyKey, (key) => {
        const eventKey = buildS3ObjectCreatedEvent({ ...details, key }).Records[0]?.s3.object.key ?? '';
        expect(eventKey).not.toMatch(/ /);
        expect(decodeS3Key(eventKey)).toBe(key);
      }),
    );
  });

  it('rejects a key that is not valid URL encoding', () => {
    expect(() => decodeS3Key('incoming/orders/100%.csv')).toThrow('not valid URL encoding');
  });
});
