import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bucketOf } from '../../../models/partitioning/index.js';
import { daysBetween } from '../../../models/features/dates.js';
import { tableKeys } from '../../shared/table-design.js';
import { isMembershipItem, isScoreItem, type CustomerRow, type StoredItem } from './customer-item.js';
import { readPartition } from './read-partition.js';

/**
 * One customer as readers see it (a type, not an interface, so it passes as a plain record). A
 * prospect (`prospect: true`, no purchase on or before the day) has no scores: every predictive
 * and order field is null.
 */
export type CustomerView = CustomerRow & {
  prospect?: true;
  /** The day these scores stand for: the current run's, or the day they were written if later. */
  asOf: string;
  /** Days from the last order to asOf, computed on read. */
  recencyDays: number;
  modelVersion: string;
  /** The run that wrote the score item, and the day it scored it (a later run within tolerance leaves it). */
  runId: string;
  scoredAsOf: string;
};

/** The customer's score item and memberships in one strongly consistent Query of its bucket partition. */
export async function getCustomer(client: DynamoDBDocumentClient, table: string, customerId: string, currentAsOf: string | null): Promise<CustomerView | null> {
  const items = (await readPartition(client, table, tableKeys.bucketPartition(bucketOf(customerId)), tableKeys.customerPrefix(customerId)))
    .filter((item) => item.customerId === customerId);
  const score = items.find(isScoreItem);
  if (!score) return null;
  return customerViewOf(score, items.filter(isMembershipItem).map((item) => String(item.segmentId)), currentAsOf);
}

const number = (item: StoredItem, field: string): number => Number(item[field]);
const orNull = <T>(value: unknown, read: (value: unknown) => T): T | null => (value === null || value === undefined ? null : read(value));

/**
 * The view of a stored score item as of the current run's day: T (days since the first purchase
 * day) and recencyDays (since the last) are counted to that day, the scores stand as written.
 */
export function customerViewOf(score: StoredItem, segments: string[], currentAsOf: string | null): CustomerView {
  const scoredAsOf = String(score.asOf);
  const asOf = currentAsOf && currentAsOf > scoredAsOf ? currentAsOf : scoredAsOf;
  if (score.prospect === true) return prospectViewOf(score, segments, asOf);
  const firstOrderDate = String(score.firstOrderDate);
  const lastOrderDate = String(score.lastOrderDate);
  return {
    customerId: String(score.customerId),
    asOf,
    recencyDays: daysBetween(lastOrderDate, asOf),
    horizonDays: number(score, 'horizonDays'),
    churnProbability: number(score, 'churnProbability'),
    probabilityAlive: number(score, 'probabilityAlive'),
    expectedOrders: number(score, 'expectedOrders'),
    expectedOrderValue: number(score, 'expectedOrderValue'),
    predictedSpend: number(score, 'predictedSpend'),
    predictedSpendLow: number(score, 'predictedSpendLow'),
    predictedSpendHigh: number(score, 'predictedSpendHigh'),
    predictedClv: number(score, 'predictedClv'),
    clvHorizonDays: number(score, 'clvHorizonDays'),
    annualDiscountRate: number(score, 'annualDiscountRate'),
    historicClv: number(score, 'historicClv'),
    totalClv: number(score, 'totalClv'),
    averageDaysBetweenOrders: orNull(score.averageDaysBetweenOrders, Number),
    expectedNextOrderDate: orNull(score.expectedNextOrderDate, String),
    frequency: number(score, 'frequency'),
    recency: number(score, 'recency'),
    T: daysBetween(firstOrderDate, asOf),
    monetaryValue: number(score, 'monetaryValue'),
    firstOrderDate,
    lastOrderDate,
    segments,
    modelVersion: String(score.modelVersion),
    runId: String(score.runId),
    scoredAsOf,
  };
}

/** A prospect's item as a view: its segments and the run that wrote it; the score fields are null (nothing to predict from). */
function prospectViewOf(item: StoredItem, segments: string[], asOf: string): CustomerView {
  const none = null as unknown as number;
  const noDay = null as unknown as string;
  return {
    customerId: String(item.customerId),
    prospect: true,
    asOf,
    recencyDays: none,
    horizonDays: none,
    churnProbability: none,
    probabilityAlive: none,
    expectedOrders: none,
    expectedOrderValue: none,
    predictedSpend: none,
    predictedSpendLow: none,
    predictedSpendHigh: none,
    predictedClv: none,
    clvHorizonDays: none,
    annualDiscountRate: none,
    historicClv: none,
    totalClv: none,
    averageDaysBetweenOrders: null,
    expectedNextOrderDate: null,
    frequency: none,
    recency: none,
    T: none,
    monetaryValue: none,
    firstOrderDate: noDay,
    lastOrderDate: noDay,
    segments,
    modelVersion: String(item.modelVersion),
    runId: String(item.runId),
    scoredAsOf: String(item.asOf),
  };
}
