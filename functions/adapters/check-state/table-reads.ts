import { QueryCommand, ScanCommand, type DynamoDBDocumentClient, type QueryCommandOutput, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../../shared/map-with-concurrency.js';
import { MEMBER_INDEX_SHARDS, SEGMENT_MEMBERS_INDEX, tableKeys } from '../../shared/table-design.js';

type Item = Record<string, unknown>;

/** Every item of the table, through `segments` parallel Scan segments, handed to `visit` page by page. */
export async function scanTable(client: DynamoDBDocumentClient, table: string, segments: number, visit: (items: Item[]) => void): Promise<void> {
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let startKey: Item | undefined;
      do {
        const page: ScanCommandOutput = await client.send(
          new ScanCommand({ TableName: table, Segment: segment, TotalSegments: segments, ConsistentRead: true, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
        );
        visit(page.Items ?? []);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }),
  );
}

/** A segment's members as the index counts them: every shard's partition, counted without reading items. */
export async function countIndexMembers(client: DynamoDBDocumentClient, table: string, segmentId: string): Promise<number> {
  const counts = await mapWithConcurrency(Array.from({ length: MEMBER_INDEX_SHARDS }, (_, shard) => shard), 4, async (shard) => {
    let count = 0;
    let startKey: Item | undefined;
    do {
      const page: QueryCommandOutput = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: SEGMENT_MEMBERS_INDEX.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': SEGMENT_MEMBERS_INDEX.partitionKey },
          ExpressionAttributeValues: { ':pk': tableKeys.segmentMembersPartition(segmentId, shard) },
          Select: 'COUNT',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  });
  return counts.reduce((sum, count) => sum + count, 0);
}
