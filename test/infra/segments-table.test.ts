import { describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../functions/shared/resource-names.js';
import { logicalIdOf, synthTestStack } from './synth-test-stack.js';

describe('segments table', () => {
  const { stack, template } = synthTestStack();
  const table = template.toJSON().Resources[logicalIdOf(stack, stack.pipeline.segments.table)];

  it('uses the shared table name and pk/sk string keys', () => {
    const { TableName, KeySchema, AttributeDefinitions } = table.Properties;

    expect(TableName).toBe(TABLE_NAME);
    expect(KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(AttributeDefinitions).toEqual(
      expect.arrayContaining(['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
    );
  });

  it('has the segment-members index on gsi1pk/gsi1sk projecting all attributes', () => {
    const expectedIndex = {
      IndexName: 'segment-members',
      KeySchema: [
        { AttributeName: 'gsi1pk', KeyType: 'HASH' },
        { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    };

    const indexes = table.Properties.GlobalSecondaryIndexes;

    expect(indexes).toEqual([expectedIndex]);
  });

  it('is on-demand, encrypted with the AWS managed key and point-in-time recoverable', () => {
    const properties = table.Properties;

    expect(properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(properties.SSESpecification.KMSMasterKeyId).toBeUndefined();
  });

  it('is retained when the stack is deleted', () => {
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});
