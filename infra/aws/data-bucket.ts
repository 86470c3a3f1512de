import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface DataBucketProps {
  readonly bucketName: string;
  /** Of both buckets; default RETAIN. */
  readonly removalPolicy?: RemovalPolicy;
}

const NONCURRENT_VERSION_RETENTION = Duration.days(30);
const ACCESS_LOG_RETENTION = Duration.days(365);

/**
 * The pipeline's bucket (uploads, clean extracts, models, audiences, reports) and the
 * bucket its server access logs go to.
 *
 * Both use S3-managed keys (SSE-S3): data teams upload from their own roles, and SSE-KMS
 * would need a key grant for every uploader and the audience consumers while adding no
 * control beyond the bucket and IAM policies; S3 access-log targets must use SSE-S3 anyway.
 */
export class DataBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props: DataBucketProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: ACCESS_LOG_RETENTION }],
      removalPolicy,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'data-bucket/',
      lifecycleRules: [
        { id: 'expire-noncurrent-versions', noncurrentVersionExpiration: NONCURRENT_VERSION_RETENTION },
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy,
    });
  }
}
