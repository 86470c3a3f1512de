import { randomBytes } from 'node:crypto';
import type { S3Event } from 'aws-lambda';
import { LOCAL_REGION } from '../../../functions/shared/resource-names.js';
import { encodeS3EventKey } from './s3-event-key.js';

export interface ObjectCreatedDetails {
  bucket: string;
  /** The raw key, as passed to PutObject; the event carries it URL-encoded. */
  key: string;
  size: number;
  /** With or without the surrounding quotes HeadObject returns; events carry it bare. */
  eTag: string;
  /** Only for a versioned bucket. */
  versionId?: string;
  eventTime?: Date;
  region?: string;
  configurationId?: string;
}

export const LOCAL_PRINCIPAL_ID = 'AWS:AIDALOCALDEVELOPEREXAMPLE';
export const LOCAL_BUCKET_OWNER_ID = 'A1LOCALBUCKETOWNEREXAMPLE';
export const DEFAULT_CONFIGURATION_ID = 'incoming-extract-created';

let sequence = 0n;

/** One `ObjectCreated:Put` notification, shaped exactly like the event S3 delivers to Lambda. */
export function buildS3ObjectCreatedEvent(details: ObjectCreatedDetails): S3Event {
  const eventTime = details.eventTime ?? new Date();
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: details.region ?? LOCAL_REGION,
        eventTime: eventTime.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: LOCAL_PRINCIPAL_ID },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
          'x-amz-id-2': randomBytes(57).toString('base64'),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: details.configurationId ?? DEFAULT_CONFIGURATION_ID,
          bucket: {
            name: details.bucket,
            ownerIdentity: { principalId: LOCAL_BUCKET_OWNER_ID },
            arn: `arn:aws:s3:::${details.bucket}`,
          },
          object: {
            key: encodeS3EventKey(details.key),
            size: details.size,
            eTag: details.eTag.replaceAll('"', ''),
            ...(details.versionId === undefined ? {} : { versionId: details.versionId }),
            sequencer: nextSequencer(eventTime),
          },
        },
      },
    ],
  };
}

/** S3 sequencers are hex strings that only grow for events on the same key; consumers order by them. */
function nextSequencer(eventTime: Date): string {
  sequence += 1n;
  const value = BigInt(eventTime.getTime()) * 1_000_000n + (sequence % 1_000_000n);
  return value.toString(16).toUpperCase().padStart(18, '0');
}
