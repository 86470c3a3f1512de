import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { byAcceptance, type AdvanceResult, type ManifestEntry, type UploadManifest, type UploadVersionRecord } from '../ingest/upload-manifest.js';
import { manifestKeys } from '../shared/table-design.js';
import { isConditionFailure, withoutKeys } from './aws-clients.js';
import { readPartition } from './customer-items/read-partition.js';

/** The upload manifest in the segments table; every write that must happen once is conditional. */
export class DynamoUploadManifest implements UploadManifest {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async getVersion(key: string, versionTag: string): Promise<UploadVersionRecord | null> {
    const response = await this.client.send(new GetCommand({ TableName: this.tableName, Key: manifestKeys.version(key, versionTag), ConsistentRead: true }));
    return response.Item ? withoutKeys<UploadVersionRecord>(response.Item) : null;
  }

  async putVersion(record: UploadVersionRecord): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...manifestKeys.version(record.key, record.versionTag), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async advance(entry: ManifestEntry): Promise<AdvanceResult> {
    try {
      const response = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...manifestKeys.entry(entry.key), ...entry },
          ConditionExpression: 'attribute_not_exists(pk) OR sequencer < :sequencer OR versionTag = :versionTag',
          ExpressionAttributeValues: { ':sequencer': entry.sequencer, ':versionTag': entry.versionTag },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const old = response.Attributes ? withoutKeys<ManifestEntry>(response.Attributes) : null;
      return { advanced: true, replaced: old && old.versionTag !== entry.versionTag ? old : null };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.client.send(new GetCommand({ TableName: this.tableName, Key: manifestKeys.entry(entry.key), ConsistentRead: true }));
      return { advanced: false, current: withoutKeys<ManifestEntry>(current.Item ?? {}) };
    }
  }

  async entries(): Promise<ManifestEntry[]> {
    const items = await readPartition(this.client, this.tableName, manifestKeys.partition);
    return items.map((item) => withoutKeys<ManifestEntry>(item)).sort(byAcceptance);
  }

  async markRunRequested(key: string, versionTag: string, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: manifestKeys.version(key, versionTag),
        UpdateExpression: 'SET runRequestedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
}
