import { addDays } from '../../../models/features/dates.js';
import type { CustomerScore } from '../../../models/scoring/customer-score.js';
import { tableKeys } from '../../shared/table-design.js';

/** What a run knows about one customer: the input of `reconcileShard` (a type, so views built on it stay plain records). */
export type CustomerRow = {
  customerId: string;
  churnProbability: number;
  predictedClv: number;
  frequency: number;
  monetary: number;
  /** YYYY-MM-DD; readers compute recency from it (a stored recency would change every night). */
  lastOrderDate: string;
  segments: string[];
};

/** The run that writes: every item it writes carries runId and asOf. */
export interface WritingRun {
  runId: string;
  asOf: string;
  modelVersion: string;
}

export interface ScoreItem extends CustomerRow, WritingRun {
  pk: string;
  sk: string;
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

/** The customer's row from a score and its segments; lastOrderDate is asOf minus the recency. */
export function customerRow(score: CustomerScore, segments: string[], asOf: string): CustomerRow {
  const { customerId, churnProbability, predictedClv, frequency, monetary, recencyDays } = score;
  return { customerId, churnProbability, predictedClv, frequency, monetary, lastOrderDate: addDays(asOf, -recencyDays), segments };
}

/** Values are rounded as stored, so comparing with a stored item compares like with like. */
export function scoreItemOf(row: CustomerRow, run: WritingRun): ScoreItem {
  return {
    ...tableKeys.customerScore(row.customerId),
    customerId: row.customerId,
    runId: run.runId,
    asOf: run.asOf,
    modelVersion: run.modelVersion,
    churnProbability: round(row.churnProbability, 6),
    predictedClv: round(row.predictedClv, 2),
    frequency: row.frequency,
    monetary: round(row.monetary, 2),
    lastOrderDate: row.lastOrderDate,
    segments: [...row.segments],
  };
}

export function membershipItemOf(customerId: string, segmentId: string, run: WritingRun): MembershipItem {
  return { ...tableKeys.membership(customerId, segmentId), customerId, segmentId, runId: run.runId, asOf: run.asOf };
}

export const isMembershipItem = (item: StoredItem): boolean => typeof item.segmentId === 'string';
export const isScoreItem = (item: StoredItem): boolean =>
  !isMembershipItem(item) && typeof item.customerId === 'string' && item.sk === tableKeys.customerScore(item.customerId).sk;
