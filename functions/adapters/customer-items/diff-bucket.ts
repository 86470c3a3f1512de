import { DEFAULT_WRITE_TOLERANCE, type WriteTolerance } from '../../../models/config/writes-section.js';
import { daysBetween } from '../../../models/features/dates.js';
import { bucketOf } from '../../../models/partitioning/index.js';
import type { CustomerScore } from '../../../models/scoring/index.js';
import { membershipKeysIn, tableKeys } from '../../shared/table-design.js';
import type { WriteRequest } from '../batch-writer.js';
import {
  isMembershipItem,
  isScoreItem,
  membershipItemOf,
  prospectItemOf,
  scoreItemOf,
  storedScoreValue,
  type CustomerRow,
  type ProspectItem,
  type ProspectRow,
  type ScoreItem,
  type StoredItem,
  type WritingRun,
} from './customer-item.js';

/**
 * How far a stored score may be from the new one and still stand. A probability (churn, P(alive))
 * moves when it changes by more than `probability`; a predicted value (spend in the horizon,
 * lifetime value) when |new - old| > max(valueRelative * |old|, valueAbsolute), the absolute floor
 * keeping values near zero from being rewritten for noise; the expected next order date when it
 * moves by more than `nextOrderDays` or has passed. The fields derived from these (expected
 * orders, the interval, total value) move with them; T and recency in days are computed on read.
 * The configuration's `writes.tolerance` (models/config/writes-section.ts, where the defaults are argued).
 */
export type Tolerance = WriteTolerance;

export const DEFAULT_TOLERANCE: Tolerance = DEFAULT_WRITE_TOLERANCE;

/** Fields that change only with the customer's orders or the run's settings: any difference is a write. */
const EXACT_FIELDS = ['horizonDays', 'clvHorizonDays', 'annualDiscountRate', 'frequency', 'recency', 'historicClv', 'firstOrderDate', 'lastOrderDate'] as const;
const PROBABILITY_FIELDS = ['churnProbability', 'probabilityAlive'] as const;
const VALUE_FIELDS = ['predictedSpend', 'predictedClv'] as const;
/** What a score item of the earlier layout held besides today's fields: the customer's segments, which its membership items are. */
const EARLIER_LAYOUT_FIELD = 'segments';

/**
 * Why a score item was written, the first that applies: what a nightly run's write units go to.
 * `layout`: the stored item is of the earlier layout that repeated the customer's segments
 * (a changed segment rewrote it); rewritten once, without them.
 */
export const SCORE_WRITE_REASONS = ['new', 'unfinishedRun', 'layout', 'orders', 'probability', 'value', 'nextOrderDate'] as const;
export type ScoreWriteReason = (typeof SCORE_WRITE_REASONS)[number];

export interface DiffCounts {
  itemsRead: number;
  scoreItemsWritten: number;
  /** scoreItemsWritten by reason (SCORE_WRITE_REASONS). */
  scoreWritesNew: number;
  scoreWritesUnfinishedRun: number;
  scoreWritesLayout: number;
  scoreWritesOrders: number;
  scoreWritesProbability: number;
  scoreWritesValue: number;
  scoreWritesNextOrderDate: number;
  membershipsPut: number;
  membershipsDeleted: number;
  customersRemoved: number;
  /** Memberships deleted whose customer had no score item (also counted in membershipsDeleted). */
  orphansDeleted: number;
  /** Items in a bucket partition that are neither a score nor a membership item. */
  strayItemsDeleted: number;
  unchangedCustomers: number;
}

export const emptyCounts = (): DiffCounts => ({
  itemsRead: 0,
  scoreItemsWritten: 0,
  scoreWritesNew: 0,
  scoreWritesUnfinishedRun: 0,
  scoreWritesLayout: 0,
  scoreWritesOrders: 0,
  scoreWritesProbability: 0,
  scoreWritesValue: 0,
  scoreWritesNextOrderDate: 0,
  membershipsPut: 0,
  membershipsDeleted: 0,
  customersRemoved: 0,
  orphansDeleted: 0,
  strayItemsDeleted: 0,
  unchangedCustomers: 0,
});

export function addCounts(total: DiffCounts, part: DiffCounts): void {
  for (const key of Object.keys(total) as (keyof DiffCounts)[]) total[key] += part[key];
}

/** Whether an item's writer is a run that finished (or the run now writing). */
export type SettledRun = (runId: unknown) => boolean;

/**
 * The writes that turn one bucket's stored items into the state `rows` describe: puts for what is
 * missing, moved beyond the tolerance or written by a run that did not finish, deletes for every
 * other item of the partition. It compares with the table, never with a record of the last run.
 */
export function diffBucket(
  stored: StoredItem[],
  rows: CustomerRow[],
  run: WritingRun,
  settled: SettledRun,
  tolerance: Tolerance,
  prospects: readonly ProspectRow[] = [],
  /** The bucket every row hashes into, when the caller knows it (else hashed per customer). */
  bucket?: number,
): { requests: WriteRequest[]; counts: DiffCounts } {
  const counts = { ...emptyCounts(), itemsRead: stored.length };
  const requests: WriteRequest[] = [];
  const storedBySk = new Map<string, StoredItem>();
  for (const item of stored) storedBySk.set(String(item.sk), item);
  // Only deletes ask whether a membership's customer has a score item (an orphan): most buckets of a nightly run have none.
  let scored: Set<string> | undefined;
  const hasScoreItem = (customerId: string) => (scored ??= new Set(stored.filter(isScoreItem).map((item) => String(item.customerId)))).has(customerId);
  const wanted = new Set<string>();
  const touched = new Set<string>();

  // Most memberships stand night after night: compare their keys, build an item only to write it.
  const putMemberships = (row: { customerId: string; segments: readonly string[] }, customerBucket: number) => {
    for (const segmentId of row.segments) {
      const keys = membershipKeysIn(customerBucket, row.customerId, segmentId);
      wanted.add(keys.sk);
      const before = storedBySk.get(keys.sk);
      const same =
        before !== undefined &&
        settled(before.runId) &&
        before.gsi1pk === keys.gsi1pk &&
        before.gsi1sk === keys.gsi1sk &&
        before.customerId === row.customerId &&
        before.segmentId === segmentId;
      if (!same) {
        requests.push({ PutRequest: { Item: { ...membershipItemOf(row.customerId, segmentId, run, customerBucket) } } });
        counts.membershipsPut += 1;
        touched.add(row.customerId);
      }
    }
  };

  for (const row of rows) {
    const customerBucket = bucket ?? bucketOf(row.customerId);
    const { sk } = tableKeys.customerScore(row.customerId, customerBucket);
    wanted.add(sk);
    // Most scores stand night after night: compare the stored fields, build the item only to write it.
    const reason = scoreWriteReason(storedBySk.get(sk), row, run.asOf, settled, tolerance);
    if (reason !== null) {
      requests.push({ PutRequest: { Item: { ...scoreItemOf(row, run, customerBucket) } } });
      counts.scoreItemsWritten += 1;
      counts[REASON_COUNTS[reason]] += 1;
      touched.add(row.customerId);
    }
    putMemberships(row, customerBucket);
  }
  for (const row of prospects) {
    const customerBucket = bucket ?? bucketOf(row.customerId);
    const item = prospectItemOf(row, run, customerBucket);
    wanted.add(item.sk);
    const reason = prospectWriteReason(storedBySk.get(item.sk), item, settled);
    if (reason !== null) {
      requests.push({ PutRequest: { Item: { ...item } } });
      counts.scoreItemsWritten += 1;
      counts[REASON_COUNTS[reason]] += 1;
      touched.add(row.customerId);
    }
    putMemberships(row, customerBucket);
  }

  for (const item of stored) {
    if (wanted.has(String(item.sk))) continue;
    requests.push({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } });
    if (isMembershipItem(item)) {
      counts.membershipsDeleted += 1;
      if (!hasScoreItem(String(item.customerId))) counts.orphansDeleted += 1;
      touched.add(String(item.customerId));
    } else if (isScoreItem(item)) {
      counts.customersRemoved += 1;
    } else {
      counts.strayItemsDeleted += 1;
    }
  }
  counts.unchangedCustomers = rows.filter((row) => !touched.has(row.customerId)).length + prospects.filter((row) => !touched.has(row.customerId)).length;
  return { requests, counts };
}

const REASON_COUNTS = {
  new: 'scoreWritesNew',
  unfinishedRun: 'scoreWritesUnfinishedRun',
  layout: 'scoreWritesLayout',
  orders: 'scoreWritesOrders',
  probability: 'scoreWritesProbability',
  value: 'scoreWritesValue',
  nextOrderDate: 'scoreWritesNextOrderDate',
} as const satisfies Record<ScoreWriteReason, keyof DiffCounts>;

/** Why the stored score item must be replaced by `next`, or null when it stands. */
function scoreWriteReason(stored: StoredItem | undefined, next: CustomerScore, asOf: string, settled: SettledRun, tolerance: Tolerance): ScoreWriteReason | null {
  if (!stored || stored.customerId !== next.customerId) return 'new';
  if (!settled(stored.runId)) return 'unfinishedRun';
  if (EARLIER_LAYOUT_FIELD in stored) return 'layout';
  if (EXACT_FIELDS.some((field) => stored[field] !== storedScoreValue(next, field))) return 'orders';
  const moved = (field: (typeof PROBABILITY_FIELDS)[number] | (typeof VALUE_FIELDS)[number], allowed: (old: number) => number) => {
    const old = stored[field];
    return typeof old !== 'number' || Math.abs(storedScoreValue(next, field) - old) > allowed(old);
  };
  if (PROBABILITY_FIELDS.some((field) => moved(field, () => tolerance.probability))) return 'probability';
  if (VALUE_FIELDS.some((field) => moved(field, (old) => Math.max(tolerance.valueRelative * Math.abs(old), tolerance.valueAbsolute)))) return 'value';
  return nextOrderMoved(stored.expectedNextOrderDate, next.expectedNextOrderDate, asOf, tolerance.nextOrderDays) ? 'nextOrderDate' : null;
}

/** Why a prospect's item must be written: missing, from an unfinished run, a scored customer's item before (orders went away), or of the earlier layout. */
function prospectWriteReason(stored: StoredItem | undefined, next: ProspectItem, settled: SettledRun): ScoreWriteReason | null {
  if (!stored || stored.customerId !== next.customerId) return 'new';
  if (!settled(stored.runId)) return 'unfinishedRun';
  if (stored.prospect !== true) return 'orders';
  return EARLIER_LAYOUT_FIELD in stored ? 'layout' : null;
}

function nextOrderMoved(stored: unknown, next: string | null, asOf: string, days: number): boolean {
  if (stored === null || next === null) return stored !== next;
  if (typeof stored !== 'string') return true;
  return stored <= asOf || Math.abs(daysBetween(stored, next)) > days;
}

