import { describe, expect, it } from 'vitest';
import { createTableInput } from '../../infra/local/runtime/index.js';
import { synthTestStack } from './synth-test-stack.js';

const { template } = synthTestStack();

describe('the local runtime creates what the CDK stack defines', () => {
  it('the DynamoDB table has the same name, keys and indexes', () => {
    const local = createTableInput();
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table')) as { Properties: Record<string, unknown> }[];

    const cdk = table?.Properties as {
      TableName: string;
      KeySchema: unknown[];
      AttributeDefinitions: unknown[];
      GlobalSecondaryIndexes: { IndexName: string; KeySchema: unknown[]; Projection: unknown }[];
    };
    expect(cdk.TableName).toBe(local.TableName);
    expect(cdk.KeySchema).toEqual(local.KeySchema);
    expect(new Set(cdk.AttributeDefinitions)).toEqual(new Set(local.AttributeDefinitions));
    expect(cdk.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }))).toEqual(
      local.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
    );
  });

  it('the data bucket is named by the same account-and-region rule', () => {
    const [bucket] = Object.values(template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: { Status: 'Enabled' } } })) as {
      Properties: { BucketName: unknown };
    }[];

    expect(JSON.stringify(bucket?.Properties.BucketName)).toContain('predictive-segments-data-');
  });
});
