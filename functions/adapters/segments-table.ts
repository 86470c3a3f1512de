import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerScore } from '../../models/scoring/customer-score.js';
import { SEGMENT_MEMBERS_INDEX, tableKeys } from '../shared/table-design.js';
import { batchWrite, type BatchWriterOptions, type WriteRequest } from './batch-writer.js';

export interface ScoredCustomer {
  score: CustomerScore;
  segments: string[];
}

export interface SegmentCatalog {
  asOf: string;
  modelVersion: string;
  segments: { id: string; name: string; family: string; description: string; size: number }[];
}

export interface MembershipChanges {
  entered: { customerId: string; segmentId: string }[];
  exited: { customerId: string; segmentId: string }[];
}

export interface MembersPage {
  customerIds: string[];
  nextCursor: string | null;
}

const round = (value: number, digits = 6) => Number(value.toFixed(digits));
const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');
const decodeCursor = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>;

/** The segments table: one score item per customer, one item per membership, and the catalogue. */
export class SegmentsTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly writerOptions: BatchWriterOptions = {},
  ) {}

  async writeScores(customers: ScoredCustomer[], context: { asOf: string; modelVersion: string }): Promise<number> {
    const requests: WriteRequest[] = customers.map(({ score, segments }) => ({
      PutRequest: {
        Item: {
          ...tableKeys.customerScore(score.customerId),
          customerId: score.customerId,
          asOf: context.asOf,
          modelVersion: context.modelVersion,
          churnProbability: round(score.churnProbability),
          predictedClv: round(score.predictedClv, 2),
          recencyDays: score.recencyDays,
          frequency: score.frequency,
          monetary: round(score.monetary, 2),
          segments,
        },
      },
    }));
    return batchWrite(this.client, this.tableName, requests, this.writerOptions);
  }

  /** Only memberships that changed are written: entered ones are put, exited ones deleted. */
  async applyMembershipChanges(changes: MembershipChanges, asOf: string): Promise<number> {
    const requests: WriteRequest[] = [
      ...changes.entered.map(({ customerId, segmentId }) => ({
        PutRequest: { Item: { ...tableKeys.membership(customerId, segmentId), customerId, segmentId, enteredOn: asOf } },
      })),
      ...changes.exited.map(({ customerId, segmentId }) => {
        const { pk, sk } = tableKeys.membership(customerId, segmentId);
        return { DeleteRequest: { Key: { pk, sk } } };
      }),
    ];
    return batchWrite(this.client, this.tableName, requests, this.writerOptions);
  }

  async writeCatalog(catalog: SegmentCatalog): Promise<void> {
    await batchWrite(this.client, this.tableName, [{ PutRequest: { Item: { ...tableKeys.segmentCatalog(), ...catalog } } }]);
  }

  async readCatalog(): Promise<SegmentCatalog | null> {
    const response = await this.client.send(new GetCommand({ TableName: this.tableName, Key: tableKeys.segmentCatalog() }));
    return (response.Item as SegmentCatalog | undefined) ?? null;
  }

  async getCustomer(customerId: string): Promise<Record<string, unknown> | null> {
    const response = await this.client.send(new GetCommand({ TableName: this.tableName, Key: tableKeys.customerScore(customerId) }));
    return response.Item ?? null;
  }

  /** One page of a segment's members in customer-id order, from the inverted index (no Scan). */
  async listMembers(segmentId: string, options: { limit?: number; cursor?: string | null } = {}): Promise<MembersPage> {
    const response = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: SEGMENT_MEMBERS_INDEX.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': SEGMENT_MEMBERS_INDEX.partitionKey },
        ExpressionAttributeValues: { ':pk': tableKeys.segmentMembersPartition(segmentId) },
        Limit: options.limit ?? 100,
        ...(options.cursor ? { ExclusiveStartKey: decodeCursor(options.cursor) } : {}),
      }),
    );
    return {
      customerIds: (response.Items ?? []).map((item) => String(item.customerId)),
      nextCursor: response.LastEvaluatedKey ? encodeCursor(response.LastEvaluatedKey) : null,
    };
  }
}
