import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { TABLE_NAME } from '../../../functions/shared/resource-names.js';
import { SEGMENT_MEMBERS_INDEX, TABLE_KEYS } from '../../../functions/shared/table-design.js';

/** The segments table exactly as table-design describes it; the CDK stack must declare the same. */
export function createTableInput(): CreateTableCommandInput {
  return {
    TableName: TABLE_NAME,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
      { AttributeName: SEGMENT_MEMBERS_INDEX.partitionKey, AttributeType: 'S' },
      { AttributeName: SEGMENT_MEMBERS_INDEX.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: SEGMENT_MEMBERS_INDEX.indexName,
        KeySchema: [
          { AttributeName: SEGMENT_MEMBERS_INDEX.partitionKey, KeyType: 'HASH' },
          { AttributeName: SEGMENT_MEMBERS_INDEX.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
