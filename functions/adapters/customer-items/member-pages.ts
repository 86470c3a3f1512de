import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { MEMBER_INDEX_SHARDS, SEGMENT_MEMBERS_INDEX, tableKeys } from '../../shared/table-design.js';

export interface MembersPage {
  customerIds: string[];
  /** Pass it back for the next page; null after the last. */
  nextCursor: string | null;
}

export class MemberCursorError extends Error {
  override readonly name = 'MemberCursorError';
}

interface Position {
  shard: number;
  key: Record<string, unknown> | null;
}

const encode = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');

function decode(cursor: string): Position {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Position;
    if (Number.isInteger(position.shard) && position.shard >= 0 && position.shard < MEMBER_INDEX_SHARDS && typeof position.key === 'object') return position;
  } catch {
    // reported below
  }
  throw new MemberCursorError(`"${cursor}" is not a cursor of a member listing; start again without one.`);
}

/**
 * One page of a segment's members from the write-sharded index (no Scan): shard by shard, in
 * customer-id order within a shard. The cursor holds the shard and the index's LastEvaluatedKey.
 */
export async function listMembers(client: DynamoDBDocumentClient, table: string, segmentId: string, options: { limit?: number; cursor?: string | null } = {}): Promise<MembersPage> {
  const limit = options.limit ?? 100;
  let position: Position | null = options.cursor ? decode(options.cursor) : { shard: 0, key: null };
  const customerIds: string[] = [];
  while (position && customerIds.length < limit) {
    const response: QueryCommandOutput = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: SEGMENT_MEMBERS_INDEX.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': SEGMENT_MEMBERS_INDEX.partitionKey },
        ExpressionAttributeValues: { ':pk': tableKeys.segmentMembersPartition(segmentId, position.shard) },
        Limit: limit - customerIds.length,
        ...(position.key ? { ExclusiveStartKey: position.key } : {}),
      }),
    );
    customerIds.push(...(response.Items ?? []).map((item) => String(item.customerId)));
    if (response.LastEvaluatedKey) position = { shard: position.shard, key: response.LastEvaluatedKey };
    else position = position.shard + 1 < MEMBER_INDEX_SHARDS ? { shard: position.shard + 1, key: null } : null;
  }
  return { customerIds, nextCursor: position ? encode(position) : null };
}
