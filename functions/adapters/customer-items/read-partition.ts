import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredItem } from './customer-item.js';

/** Every item of one partition (optionally those whose sk begins with a prefix), page by page, strongly consistent. */
export async function readPartition(client: DynamoDBDocumentClient, table: string, pk: string, skPrefix?: string): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const response = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: skPrefix === undefined ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': 'pk', ...(skPrefix === undefined ? {} : { '#sk': 'sk' }) },
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix === undefined ? {} : { ':prefix': skPrefix }) },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(response.Items ?? []));
    startKey = response.LastEvaluatedKey;
  } while (startKey);
  return items;
}
