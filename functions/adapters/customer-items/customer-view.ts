import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bucketOf } from '../../../models/partitioning/index.js';
import { daysBetween } from '../../../models/features/dates.js';
import { tableKeys } from '../../shared/table-design.js';
import { isMembershipItem, isScoreItem, type CustomerRow } from './customer-item.js';
import { readPartition } from './read-partition.js';

/** One customer as readers see it (a type, not an interface, so it passes as a plain record). */
export type CustomerView = CustomerRow & {
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
  const scoredAsOf = String(score.asOf);
  const asOf = currentAsOf && currentAsOf > scoredAsOf ? currentAsOf : scoredAsOf;
  const lastOrderDate = String(score.lastOrderDate);
  return {
    customerId,
    asOf,
    recencyDays: daysBetween(lastOrderDate, asOf),
    churnProbability: Number(score.churnProbability),
    predictedClv: Number(score.predictedClv),
    frequency: Number(score.frequency),
    monetary: Number(score.monetary),
    lastOrderDate,
    segments: items.filter(isMembershipItem).map((item) => String(item.segmentId)),
    modelVersion: String(score.modelVersion),
    runId: String(score.runId),
    scoredAsOf,
  };
}
