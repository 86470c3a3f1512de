import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { batchWrite } from '../../../functions/adapters/batch-writer.js';
import { tableKeys } from '../../../functions/shared/table-design.js';

/**
 * Which item key layout a local table holds. Version 2 keys customer items by hash bucket; a table
 * from before (no marker) may hold version 1 customer items (`CUSTOMER#<id>`) that nothing reads
 * any more. They are derived from the bucket's data, so they are deleted (with the catalogue that
 * described them) and the next run writes them again; the upload manifest is kept.
 */
const MARKER = { pk: 'TABLE', sk: 'ITEM_LAYOUT' };
export const ITEM_LAYOUT_VERSION = 2;

export async function ensureItemLayout(dynamo: DynamoDBClient, table: string): Promise<{ deleted: number }> {
  const documents = DynamoDBDocumentClient.from(dynamo);
  const marker = await documents.send(new GetCommand({ TableName: table, Key: MARKER, ConsistentRead: true }));
  if (marker.Item?.version === ITEM_LAYOUT_VERSION) return { deleted: 0 };
  const stale = await oldLayoutKeys(documents, table);
  const deleted = await batchWrite(documents, table, stale.map((Key) => ({ DeleteRequest: { Key } })));
  await documents.send(new PutCommand({ TableName: table, Item: { ...MARKER, version: ITEM_LAYOUT_VERSION } }));
  return { deleted };
}

async function oldLayoutKeys(documents: DynamoDBDocumentClient, table: string): Promise<Record<string, unknown>[]> {
  const keys: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await documents.send(
      new ScanCommand({
        TableName: table,
        ProjectionExpression: 'pk, sk, runId',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const catalogue = tableKeys.segmentCatalog();
      const oldCatalogue = item.pk === catalogue.pk && item.sk === catalogue.sk && item.runId === undefined;
      if (String(item.pk).startsWith('CUSTOMER#') || oldCatalogue) keys.push({ pk: item.pk, sk: item.sk });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return keys;
}
