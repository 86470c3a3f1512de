import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { buildS3ObjectCreatedEvent } from './s3-events.js';

/** The notification S3 would send for an object already in the bucket, with its real size and ETag. */
export async function objectCreatedEventFor(s3: S3Client, bucket: string, key: string): Promise<S3Event> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return buildS3ObjectCreatedEvent({
    bucket,
    key,
    size: head.ContentLength ?? 0,
    eTag: head.ETag ?? '',
    ...(head.VersionId === undefined ? {} : { versionId: head.VersionId }),
    eventTime: head.LastModified ?? new Date(),
  });
}
