import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SegmentsTable } from '../../functions/adapters/segments-table.js';
import { LOCAL_CREDENTIALS, createTableInput, type EmbeddedAws } from '../../infra/local/runtime/index.js';
import { bucketOf } from '../../models/partitioning/index.js';

let created = 0;

/** A new, empty table with the segments table's design on the embedded dynalite, so tests do not share items. */
export async function freshTable(aws: EmbeddedAws): Promise<{ name: string; documents: DynamoDBDocumentClient; table: SegmentsTable }> {
  created += 1;
  const name = `segments-test-${process.pid}-${created}`;
  await aws.dynamo.send(new CreateTableCommand({ ...createTableInput(), TableName: name }));
  while ((await aws.dynamo.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus !== 'ACTIVE') {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const documents = documentClient(aws);
  return { name, documents, table: new SegmentsTable(documents, name, { baseDelayMs: 1 }) };
}

/** A document client of its own (middleware added to it stays in the test that added it). */
export function documentClient(aws: EmbeddedAws, options: { maxAttempts?: number } = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ endpoint: aws.dynamoEndpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, ...options });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Every item of the table, sorted by key: what "the same state" means in tests. */
export async function dumpTable(documents: DynamoDBDocumentClient, table: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: table, ConsistentRead: true, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const key = (item: Record<string, unknown>) => `${item.pk}\u0000${item.sk}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The first `count` ids `${prefix}<n>` whose bucket is in [fromBucket, toBucket). */
export function idsInBuckets(count: number, fromBucket: number, toBucket: number, prefix = 'C'): string[] {
  const ids: string[] = [];
  for (let n = 0; ids.length < count; n += 1) {
    const bucket = bucketOf(`${prefix}${n}`);
    if (bucket >= fromBucket && bucket < toBucket) ids.push(`${prefix}${n}`);
  }
  return ids;
}
