import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../shared/table-design.js';
import { isConditionFailure, withoutKeys } from './aws-clients.js';

export type RunStatus = 'running' | 'succeeded' | 'failed';

export interface RunRecord {
  runId: string;
  status: RunStatus;
  asOf: string;
  startedAt: string;
  finishedAt?: string;
  /** Whatever the run wants kept with its record (trigger, items written, error...). */
  details?: Record<string, unknown>;
}

/** The last run that succeeded: readers take the day the table stands for from it. */
export interface CurrentRun {
  runId: string;
  asOf: string;
  finishedAt: string;
}

/** A run record or the current-run pointer refused a change (unknown run, wrong status, a later run is current). */
export class RunStateError extends Error {
  override readonly name = 'RunStateError';
}

const STATUS = { '#status': 'status' };

/**
 * Run records (running -> succeeded | failed, each transition a conditional write) and the
 * current-run pointer, which only ever names a succeeded run and never moves back to an older one.
 */
export class RunRecords {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(runId: string): Promise<RunRecord | null> {
    const response = await this.client.send(new GetCommand({ TableName: this.table, Key: tableKeys.run(runId), ConsistentRead: true }));
    return response.Item ? recordOf(response.Item) : null;
  }

  /** Creates the run as running; starting the same run again (a retried task) returns it unchanged. */
  async start(run: { runId: string; asOf: string; startedAt: string; details?: Record<string, unknown> }): Promise<RunRecord> {
    const record: RunRecord = { ...run, status: 'running' };
    try {
      await this.client.send(
        new PutCommand({ TableName: this.table, Item: { ...tableKeys.run(run.runId), ...record }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return record;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.get(run.runId);
      if (existing?.status === 'running' && existing.asOf === run.asOf) return existing;
      throw new RunStateError(`Run ${run.runId} already exists (${existing?.status}, as of ${existing?.asOf}); a run id is used once.`);
    }
  }

  /** running -> succeeded | failed; finishing it again with the same status is a no-op. */
  async finish(runId: string, status: Exclude<RunStatus, 'running'>, finishedAt: string, details?: Record<string, unknown>): Promise<RunRecord> {
    try {
      const response = await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: tableKeys.run(runId),
          UpdateExpression: details ? 'SET #status = :to, finishedAt = :at, details = :details' : 'SET #status = :to, finishedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND #status = :running',
          ExpressionAttributeNames: STATUS,
          ExpressionAttributeValues: { ':to': status, ':at': finishedAt, ':running': 'running', ...(details ? { ':details': details } : {}) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return recordOf(response.Attributes ?? {});
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.get(runId);
      if (existing?.status === status) return existing;
      throw new RunStateError(existing ? `Run ${runId} is already ${existing.status}; it cannot become ${status}.` : `There is no run ${runId} to finish.`);
    }
  }

  async readCurrent(): Promise<CurrentRun | null> {
    const response = await this.client.send(new GetCommand({ TableName: this.table, Key: tableKeys.currentRun(), ConsistentRead: true }));
    const item = response.Item;
    return item ? { runId: String(item.runId), asOf: String(item.asOf), finishedAt: String(item.finishedAt) } : null;
  }

  /** Points readers at a succeeded run; refused for any other run, or when a later-finished run is current. */
  async setCurrent(runId: string): Promise<CurrentRun> {
    const record = await this.get(runId);
    if (record?.status !== 'succeeded' || !record.finishedAt) {
      throw new RunStateError(`Run ${runId} is ${record?.status ?? 'unknown'}; only a succeeded run becomes current.`);
    }
    const pointer: CurrentRun = { runId, asOf: record.asOf, finishedAt: record.finishedAt };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...tableKeys.currentRun(), ...pointer },
          ConditionExpression: 'attribute_not_exists(pk) OR runId = :runId OR finishedAt <= :finishedAt',
          ExpressionAttributeValues: { ':runId': runId, ':finishedAt': record.finishedAt },
        }),
      );
      return pointer;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.readCurrent();
      throw new RunStateError(`Run ${current?.runId}, finished ${current?.finishedAt}, is current; run ${runId} finished before it.`);
    }
  }

  /** A predicate for reconcileShard: whether a run succeeded, read once per run id. */
  succeededRuns(): (runId: string) => Promise<boolean> {
    const known = new Map<string, Promise<boolean>>();
    return (runId) => {
      let answer = known.get(runId);
      if (!answer) {
        answer = this.get(runId).then((record) => record?.status === 'succeeded');
        known.set(runId, answer);
      }
      return answer;
    };
  }
}

const recordOf = (item: Record<string, unknown>): RunRecord => withoutKeys<RunRecord>(item);
