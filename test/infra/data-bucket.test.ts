import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, ownData, synthTestStack } from './synth-test-stack.js';

describe('data bucket', () => {
  const { stack, template } = synthTestStack();
  const dataBucketId = logicalIdOf(stack, ownData(stack).bucket);
  const accessLogsBucketId = logicalIdOf(stack, ownData(stack).accessLogsBucket);
  const dataBucket = () => template.toJSON().Resources[dataBucketId];

  it('is named from the account and region of the stack', () => {
    const expectedName = {
      'Fn::Join': ['', ['predictive-segments-data-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
    };

    const bucketName = dataBucket().Properties.BucketName;

    expect(bucketName).toEqual(expectedName);
  });

  it('is encrypted, versioned and blocks all public access', () => {
    const expected = {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    };

    const properties = dataBucket().Properties;

    expect(properties).toMatchObject(expected);
  });

  it('denies requests that do not use TLS', () => {
    const denyInsecureTransport = Match.objectLike({
      Effect: 'Deny',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });

    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: dataBucketId },
      PolicyDocument: { Statement: Match.arrayWith([denyInsecureTransport]) },
    });
  });

  it('expires noncurrent versions after 30 days', () => {
    const rules = dataBucket().Properties.LifecycleConfiguration.Rules as Array<Record<string, unknown>>;

    const noncurrentExpiry = rules.find((rule) => 'NoncurrentVersionExpiration' in rule);

    expect(noncurrentExpiry).toMatchObject({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } });
  });

  it('sends server access logs to the separate access-log bucket', () => {
    const logging = dataBucket().Properties.LoggingConfiguration;

    expect(logging).toEqual({ DestinationBucketName: { Ref: accessLogsBucketId }, LogFilePrefix: 'data-bucket/' });
  });

  it('keeps both buckets when the stack is deleted', () => {
    const resources = template.toJSON().Resources;

    const policies = [dataBucketId, accessLogsBucketId].map((id) => resources[id].DeletionPolicy);

    expect(policies).toEqual(['Retain', 'Retain']);
  });

  it('protects the access-log bucket like the data bucket', () => {
    const accessLogs = template.toJSON().Resources[accessLogsBucketId].Properties;

    expect(accessLogs).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
    });
  });
});
