import type { CustomerScore } from '../../../models/scoring/index.js';
import { bucketOf } from '../../../models/partitioning/index.js';
import { membershipKeysIn, tableKeys } from '../../shared/table-design.js';

/** What a run knows about one customer: the input of `reconcileShard` (a type, so views built on it stay plain records). */
export type CustomerRow = CustomerScore & { segments: string[] };

/** The run that writes: every item it writes carries runId and asOf. */
export interface WritingRun {
  runId: string;
  asOf: string;
  modelVersion: string;
}

/**
 * A customer's score item: every CustomerScore field as of the run that wrote it (`asOf`). `T` is
 * as of that day too; readers move it to their day (customer-view), as they compute recency from
 * lastOrderDate, so neither forces a write every night. The customer's segments are its
 * membership items, next to it in the partition and read with it in one Query (customer-view):
 * the score item does not repeat them, so a change of segments writes the memberships that
 * changed and not the score item (a write unit each, table and member index, plus one).
 */
export type ScoreItem = CustomerScore & WritingRun & { pk: string; sk: string };

/**
 * Someone of the customers extract with no purchase day on or before the run's day (the lifecycle
 * stage `prospect`): there is nothing to predict from, so their item carries no score, and their segments are membership items.
 */
export interface ProspectRow {
  customerId: string;
  segments: string[];
}

/** What every score item starts with, scored or prospect: its key and the run that wrote it. */
const scoreItemKeys = (customerId: string, run: WritingRun, bucket?: number) => ({
  ...tableKeys.customerScore(customerId, bucket),
  customerId,
  runId: run.runId,
  asOf: run.asOf,
  modelVersion: run.modelVersion,
});

/** A prospect's score item: the customer's item (same key) with `prospect: true` and no predictive field; its segments are its memberships. */
export type ProspectItem = Pick<ProspectRow, 'customerId'> & WritingRun & { pk: string; sk: string; prospect: true };

export function prospectItemOf(row: Pick<ProspectRow, 'customerId'>, run: WritingRun, bucket?: number): ProspectItem {
  return {
    ...scoreItemKeys(row.customerId, run, bucket),
    prospect: true,
  };
}

export interface MembershipItem {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  customerId: string;
  segmentId: string;
  runId: string;
  asOf: string;
}

export type StoredItem = Record<string, unknown>;

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const probability = (value: number) => round(value, 6);
const money = (value: number) => round(value, 2);

/** How each rounded field is stored; the others are stored as computed. */
const STORED_ROUNDING: { readonly [F in keyof CustomerScore]?: (value: NonNullable<CustomerScore[F]>) => number } = {
  churnProbability: probability,
  probabilityAlive: probability,
  expectedOrders: (value) => round(value, 4),
  expectedOrderValue: money,
  predictedSpend: money,
  predictedSpendLow: money,
  predictedSpendHigh: money,
  predictedClv: money,
  historicClv: money,
  totalClv: money,
  averageDaysBetweenOrders: (value) => round(value, 2),
  monetaryValue: money,
};

/** The value a score item stores for the field: rounded as stored, so comparing with a stored item compares like with like. */
export function storedScoreValue<F extends keyof CustomerScore>(row: CustomerScore, field: F): CustomerScore[F] {
  const value = row[field];
  const rounding = STORED_ROUNDING[field] as ((value: unknown) => number) | undefined;
  return (rounding && value !== null ? rounding(value) : value) as CustomerScore[F];
}

/** The customer's row from a score and its segments. */
export const customerRow = (score: CustomerScore, segments: string[]): CustomerRow => ({ ...score, segments });

const SCORE_FIELDS = [
  'horizonDays', 'churnProbability', 'probabilityAlive', 'expectedOrders', 'expectedOrderValue', 'predictedSpend', 'predictedSpendLow', 'predictedSpendHigh',
  'predictedClv', 'clvHorizonDays', 'annualDiscountRate', 'historicClv', 'totalClv', 'averageDaysBetweenOrders', 'expectedNextOrderDate', 'frequency',
  'recency', 'T', 'monetaryValue', 'firstOrderDate', 'lastOrderDate',
] as const satisfies readonly Exclude<keyof CustomerScore, 'customerId'>[];
// Fails to compile when a CustomerScore field is missing from SCORE_FIELDS (the item would lack it).
const everyScoreField: [Exclude<keyof CustomerScore, 'customerId' | (typeof SCORE_FIELDS)[number]>] extends [never] ? true : never = true;
void everyScoreField;

/** The score item of the row, every field as stored (storedScoreValue). */
export function scoreItemOf(row: CustomerScore, run: WritingRun, bucket?: number): ScoreItem {
  const item: Record<string, unknown> = scoreItemKeys(row.customerId, run, bucket);
  for (const field of SCORE_FIELDS) item[field] = storedScoreValue(row, field);
  return item as unknown as ScoreItem;
}

export function membershipItemOf(customerId: string, segmentId: string, run: WritingRun, bucket = bucketOf(customerId)): MembershipItem {
  return { ...membershipKeysIn(bucket, customerId, segmentId), customerId, segmentId, runId: run.runId, asOf: run.asOf };
}

export const isMembershipItem = (item: StoredItem): boolean => typeof item.segmentId === 'string';
export const isScoreItem = (item: StoredItem): boolean =>
  !isMembershipItem(item) && typeof item.customerId === 'string' && item.sk === tableKeys.customerScoreSk(item.customerId);
