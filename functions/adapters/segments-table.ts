import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../shared/table-design.js';
import { withoutKeys } from './aws-clients.js';
import type { BatchWriterOptions } from './batch-writer.js';
import {
  getCustomer,
  listMembers,
  reconcileShard,
  type CustomerView,
  type MembersPage,
  type ReconcileInput,
  type ReconcileOptions,
  type ReconcileResult,
} from './customer-items/index.js';
import { RunRecords, type CurrentRun } from './run-records.js';

export interface SegmentCatalog {
  /** The run that wrote it. */
  runId: string;
  asOf: string;
  modelVersion: string;
  /** `entered`/`exited`: customers who joined or left the segment since the previous published run. */
  segments: { id: string; name: string; family: string; description: string; size: number; entered?: number; exited?: number; kpis?: Record<string, number | null> }[];
}

export type { CurrentRun, CustomerView, MembersPage, ReconcileInput, ReconcileResult };

/**
 * The segments table (functions/shared/table-design.ts): customer items written shard by shard
 * with reconcileShard, the catalogue, run records and the current-run pointer, and the reads.
 */
export class SegmentsTable {
  readonly runs: RunRecords;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly writerOptions: BatchWriterOptions = {},
  ) {
    this.runs = new RunRecords(client, tableName);
  }

  /** Writes the difference between a shard's buckets and its customers' new state; see reconcileShard. */
  async reconcileShard(input: ReconcileInput, options: ReconcileOptions = {}): Promise<ReconcileResult> {
    return reconcileShard(this.client, this.tableName, input, { writer: this.writerOptions, ...options });
  }

  /**
   * Marks the run succeeded, writes its catalogue and points readers at it, in that order: a
   * crash in between leaves the previous catalogue and pointer, and calling it again completes it.
   */
  async publishRun(run: { runId: string; finishedAt: string; catalog: Omit<SegmentCatalog, 'runId'>; details?: Record<string, unknown> }): Promise<CurrentRun> {
    await this.runs.finish(run.runId, 'succeeded', run.finishedAt, run.details);
    await this.writeCatalog({ ...run.catalog, runId: run.runId });
    return this.runs.setCurrent(run.runId);
  }

  async writeCatalog(catalog: SegmentCatalog): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...tableKeys.segmentCatalog(), ...catalog } }));
  }

  async readCatalog(): Promise<SegmentCatalog | null> {
    const response = await this.client.send(new GetCommand({ TableName: this.tableName, Key: tableKeys.segmentCatalog() }));
    if (!response.Item) return null;
    return withoutKeys<SegmentCatalog>(response.Item);
  }

  readCurrentRun(): Promise<CurrentRun | null> {
    return this.runs.readCurrent();
  }

  /** The customer's scores and segments, or null when it has no score item. */
  async getCustomer(customerId: string): Promise<CustomerView | null> {
    const current = await this.runs.readCurrent();
    return getCustomer(this.client, this.tableName, customerId, current?.asOf ?? null);
  }

  /** One page of a segment's members from the write-sharded index (no Scan). */
  listMembers(segmentId: string, options: { limit?: number; cursor?: string | null } = {}): Promise<MembersPage> {
    return listMembers(this.client, this.tableName, segmentId, options);
  }
}
