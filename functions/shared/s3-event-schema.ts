import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import { z } from 'zod';

/**
 * Powertools' S3 notification schema, accepting any source address: its own allows only IPv4
 * (and `s3.amazonaws.com`), so an upload made over IPv6 (dual-stack endpoints) failed validation
 * before any work. The address is never used, only recorded in logs.
 */
export const S3NotificationSchema = S3Schema.extend({
  Records: z.array(
    S3Schema.shape.Records.element.extend({
      requestParameters: z.object({ sourceIPAddress: z.string() }),
    }),
  ),
});

export type S3Notification = z.infer<typeof S3NotificationSchema>;
