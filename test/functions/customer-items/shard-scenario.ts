import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerRow } from '../../../functions/adapters/customer-items/index.js';
import type { ReconcileOptions } from '../../../functions/adapters/customer-items/index.js';
import { SegmentsTable, type ReconcileResult } from '../../../functions/adapters/segments-table.js';
import { customerRowOf } from '../../support/customer-rows.js';
import { idsInBuckets } from '../../support/fresh-table.js';

/** One shard of 64 buckets and the customers of a small run in it. */
export const SHARD = { fromBucket: 100, toBucket: 164 } as const;
export const SEGMENTS = ['rfm:champions', 'rfm:lost', 'churn:low', 'churn:high', 'clv:top-1'] as const;
export const IDS = idsInBuckets(90, SHARD.fromBucket, SHARD.toBucket);

/** The first run's state: 60 customers, each in two or three segments. */
export function baseRows(): CustomerRow[] {
  return IDS.slice(0, 60).map((customerId, i) =>
    customerRowOf(customerId, {
      churnProbability: (i % 10) / 10 + 0.05,
      predictedClv: 10 + i * 3.5,
      frequency: i % 5,
      historicClv: 20 + i * 1.25,
      lastOrderDate: `2024-11-${String(1 + (i % 28)).padStart(2, '0')}`,
      segments: [SEGMENTS[i % 2]!, SEGMENTS[2 + (i % 2)]!, ...(i % 7 === 0 ? [SEGMENTS[4]] : [])],
    }),
  );
}

/**
 * The next run's state: a third of the customers' churn moves beyond the tolerance, one in six
 * swaps segments, ten are gone and twenty are new.
 */
export function nextRows(): CustomerRow[] {
  const kept = baseRows().slice(0, 50).map((row, i) => ({
    ...row,
    churnProbability: i % 3 === 0 ? row.churnProbability + 0.04 : row.churnProbability + 0.002,
    segments: i % 6 === 0 ? row.segments.map((s) => (s === 'churn:low' ? 'churn:high' : s === 'churn:high' ? 'churn:low' : s)) : row.segments,
  }));
  const added = IDS.slice(60, 80).map((customerId, i) =>
    customerRowOf(customerId, { churnProbability: 0.3, predictedClv: 50 + i, frequency: 0, historicClv: 15, lastOrderDate: '2024-12-20', segments: ['rfm:champions', 'churn:low'] }),
  );
  return [...kept, ...added];
}

let clock = Date.parse('2025-01-01T00:00:00Z');
export const tick = (): string => new Date((clock += 60_000)).toISOString();

/** A run of the shard from start to publish, as the stages will do it. */
export async function completeRun(table: SegmentsTable, runId: string, customers: CustomerRow[], asOf = '2024-12-31'): Promise<ReconcileResult> {
  await table.runs.start({ runId, asOf, startedAt: tick() });
  const result = await reconcile(table, runId, customers, asOf);
  await publish(table, runId, result, asOf);
  return result;
}

export function reconcile(table: SegmentsTable, runId: string, customers: CustomerRow[], asOf = '2024-12-31', options: ReconcileOptions = {}): Promise<ReconcileResult> {
  return table.reconcileShard({ runId, asOf, modelVersion: 'm1', ...SHARD, customers, finishedRuns: table.runs.succeededRuns() }, options);
}

export async function publish(table: SegmentsTable, runId: string, result: ReconcileResult, asOf = '2024-12-31'): Promise<void> {
  const segments = Object.entries(result.segmentSizes).map(([id, size]) => ({ id, name: id, family: id.split(':')[0]!, description: id, size }));
  await table.publishRun({ runId, finishedAt: tick(), catalog: { asOf, modelVersion: 'm1', segments } });
}

/** The same table through another client (one with faults injected, say). */
export const sameTable = (documents: DynamoDBDocumentClient, table: SegmentsTable) => new SegmentsTable(documents, table.tableName, { baseDelayMs: 1 });
