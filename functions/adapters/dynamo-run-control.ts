import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newRunId, type ControlRecord, type RunControl } from '../run/run-control.js';
import { isConditionFailure } from './aws-clients.js';

const CONTROL_KEY = { pk: 'RUN', sk: 'CONTROL' };

/** The single-flight control record in the segments table; every transition is one conditional update. */
export class DynamoRunControl implements RunControl {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async request(at: string) {
    const response = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: CONTROL_KEY,
        UpdateExpression: 'SET pendingSince = if_not_exists(pendingSince, :at) ADD pendingCount :one',
        ExpressionAttributeValues: { ':at': at, ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const record = (response.Attributes ?? {}) as ControlRecord;
    return { running: record.lockRunId !== undefined, pendingSince: record.pendingSince ?? at };
  }

  async acquire(at: string, staleBefore: string, token: string) {
    try {
      const runId = await this.lockNext(at, 'attribute_not_exists(lockRunId) OR lockedAt < :staleBefore', { ':staleBefore': staleBefore }, token);
      return { acquired: true as const, runId };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const record = await this.read();
      // The same request again (Start retried after it took the lock): the lock is already its own.
      if (record.lockRunId && record.lockToken === token) return { acquired: true as const, runId: record.lockRunId };
      return { acquired: false as const, holder: record.lockRunId ?? 'unknown' };
    }
  }

  async finish(runId: string, at: string) {
    if (await this.unlock(runId, 'AND attribute_not_exists(pendingSince)')) return { released: true as const };
    try {
      return { released: false as const, nextRunId: await this.lockNext(at, 'lockRunId = :holder', { ':holder': runId }, `after:${runId}`) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Publish retried after it already handed the lock on: the same answer again.
      const record = await this.read();
      if (record.lockRunId && record.lockToken === `after:${runId}`) return { released: false as const, nextRunId: record.lockRunId };
      // The lock is no longer ours (released already, or taken over as stale): nothing to release.
      return { released: true as const };
    }
  }

  async release(runId: string) {
    await this.unlock(runId);
  }

  /** Removes the lock if `runId` holds it (and `extra` holds); false when the condition failed. */
  private async unlock(runId: string, extra = ''): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: CONTROL_KEY,
          UpdateExpression: 'REMOVE lockRunId, lockedAt, lockToken',
          ConditionExpression: `lockRunId = :runId ${extra}`,
          ExpressionAttributeValues: { ':runId': runId },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  /** Locks for a new generation and consumes the pending requests, if `condition` holds; one atomic update. */
  private async lockNext(at: string, condition: string, values: Record<string, unknown>, token: string): Promise<string> {
    const runId = newRunId(at);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: CONTROL_KEY,
        UpdateExpression: 'SET lockRunId = :runId, lockedAt = :at, lockToken = :token ADD runSeq :one REMOVE pendingSince, pendingCount',
        ConditionExpression: condition,
        ExpressionAttributeValues: { ':runId': runId, ':at': at, ':token': token, ':one': 1, ...values },
      }),
    );
    return runId;
  }

  async read(): Promise<ControlRecord> {
    const response = await this.client.send(new GetCommand({ TableName: this.tableName, Key: CONTROL_KEY, ConsistentRead: true }));
    return (response.Item ?? {}) as ControlRecord;
  }
}
