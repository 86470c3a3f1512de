import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../../shared/map-with-concurrency.js';
import { tableKeys } from '../../shared/table-design.js';
import type { CurrentRun, RunRecord } from '../run-records.js';
import { ProblemList, type StateProblem } from './state-problems.js';
import { countIndexMembers, scanTable } from './table-reads.js';

export interface StateCheck {
  /** Empty when the state is consistent. */
  problems: StateProblem[];
  counts: { customers: number; scoreItems: number; memberships: number; runs: number; segments: number };
  current: CurrentRun | null;
}

type Item = Record<string, unknown>;
interface CustomerState {
  scored: boolean;
  memberships: string[];
}

/** The segment catalogue's fields the check reads. */
interface WrittenCatalogue {
  runId?: string;
  segments?: { id: string; size: number; family?: string }[];
}

/** Segments of user-defined rules: a customer may be in any number of them (exclusive groups are the rules' own). */
const NON_EXCLUSIVE_FAMILY = 'custom';

/**
 * Reads the whole table (a Scan: a diagnostic, never run by the pipeline) and reports every way
 * the state can disagree with itself: memberships against their customers' score items and the
 * segment families, the catalogue against the member index, items against the runs that wrote
 * them and the current-run pointer.
 */
export async function checkState(client: DynamoDBDocumentClient, table: string, options: { examples?: number; scanSegments?: number } = {}): Promise<StateCheck> {
  const problems = new ProblemList(options.examples ?? 5);
  const customers = new Map<string, CustomerState>();
  const itemsByRun = new Map<string, { count: number; example: string }>();
  const runs = new Map<string, RunRecord>();
  const memberSegments = new Set<string>();
  let pointer: CurrentRun | null = null;
  let catalog: WrittenCatalogue | null = null;
  let scoreItems = 0;
  let memberships = 0;

  const customerItem = (item: Item) => {
    const where = `${item.pk} ${item.sk}`;
    const customerId = item.customerId;
    if (typeof customerId !== 'string') return problems.add('unknown-item', where);
    const state = customers.get(customerId) ?? { scored: false, memberships: [] };
    customers.set(customerId, state);
    if (typeof item.segmentId === 'string') {
      const expected = tableKeys.membership(customerId, item.segmentId);
      if ((['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const).some((key) => item[key] !== expected[key])) problems.add('misplaced-item', where);
      state.memberships.push(item.segmentId);
      memberSegments.add(item.segmentId);
      memberships += 1;
    } else if (item.sk === tableKeys.customerScore(customerId).sk) {
      if (item.pk !== tableKeys.customerScore(customerId).pk) problems.add('misplaced-item', where);
      state.scored = true;
      scoreItems += 1;
    } else {
      return problems.add('unknown-item', where);
    }
    if (typeof item.runId !== 'string') return problems.add('item-without-run', where);
    const tally = itemsByRun.get(item.runId) ?? { count: 0, example: where };
    tally.count += 1;
    itemsByRun.set(item.runId, tally);
  };

  await scanTable(client, table, options.scanSegments ?? 4, (items) => {
    for (const item of items) {
      const pk = String(item.pk);
      const sk = String(item.sk);
      if (pk.startsWith('B#')) customerItem(item);
      else if (pk.startsWith('RUN#') && sk === 'RUN') runs.set(String(item.runId), item as unknown as RunRecord);
      else if (pk === 'RUN' && sk === 'CURRENT') pointer = { runId: String(item.runId), asOf: String(item.asOf), finishedAt: String(item.finishedAt) };
      else if (pk === 'CATALOG' && sk === 'SEGMENTS') catalog = item as typeof catalog;
      else if (pk.startsWith('CUSTOMER#')) problems.add('old-layout-item', `${pk} ${sk}`);
    }
  });

  const written = catalog as WrittenCatalogue | null;
  const familyOf = new Map((written?.segments ?? []).map((segment) => [segment.id, segment.family ?? NON_EXCLUSIVE_FAMILY]));
  for (const [customerId, state] of customers) checkCustomer(problems, customerId, state, familyOf);
  const current = pointer as CurrentRun | null;
  checkRuns(problems, itemsByRun, runs, current);
  const customerCount = [...customers.values()].filter((state) => state.scored).length;
  if (customers.size > 0 && !current) problems.add('no-current-run', `${customers.size} customers`);
  if (customers.size > 0 && !written) problems.add('catalog-missing', tableKeys.segmentCatalog().pk);
  if (written && current && written.runId !== current.runId) problems.add('catalog-not-current', `catalogue of ${written.runId}, current run ${current.runId}`);
  if (written) await checkSizes(client, table, problems, written.segments ?? [], memberSegments);

  return {
    problems: problems.list(),
    counts: { customers: customerCount, scoreItems, memberships, runs: runs.size, segments: written?.segments?.length ?? 0 },
    current,
  };
}

/**
 * A customer's memberships are the segments it is in (its score item does not repeat them): each
 * needs the customer's score item, and a built-in family gives a customer at most one segment
 * (two churn bands at once is what overlapping runs left before single flight).
 */
function checkCustomer(problems: ProblemList, customerId: string, state: CustomerState, familyOf: ReadonlyMap<string, string>): void {
  if (!state.scored) {
    for (const segment of state.memberships) problems.add('membership-without-score', `${customerId} in ${segment}`);
    return;
  }
  const byFamily = new Map<string, string[]>();
  for (const segment of state.memberships) {
    const family = familyOf.get(segment);
    if (family === undefined || family === NON_EXCLUSIVE_FAMILY) continue;
    byFamily.set(family, [...(byFamily.get(family) ?? []), segment]);
  }
  for (const [family, segments] of byFamily) {
    if (segments.length > 1) problems.add('segments-of-one-family', `${customerId} in ${segments.sort().join(', ')} (${family})`);
  }
}

function checkRuns(problems: ProblemList, itemsByRun: Map<string, { count: number; example: string }>, runs: Map<string, RunRecord>, current: CurrentRun | null): void {
  const currentRecord = current ? runs.get(current.runId) : undefined;
  if (current && currentRecord?.status !== 'succeeded') problems.add('current-run-not-succeeded', `${current.runId} is ${currentRecord?.status ?? 'unknown'}`);
  for (const [runId, { count, example }] of itemsByRun) {
    const record = runs.get(runId);
    const where = `${count} items of ${runId}, e.g. ${example}`;
    if (!record) problems.add('item-of-unknown-run', where, count);
    else if (record.status !== 'succeeded') {
      const afterCurrent = !currentRecord || record.startedAt > currentRecord.startedAt;
      problems.add(afterCurrent ? 'item-of-unfinished-run-after-current' : 'item-of-run-not-succeeded', `${where} (${record.status})`, count);
    }
  }
}

async function checkSizes(client: DynamoDBDocumentClient, table: string, problems: ProblemList, catalogued: { id: string; size: number }[], memberSegments: Set<string>): Promise<void> {
  const sizes = new Map(catalogued.map((segment) => [segment.id, Number(segment.size)]));
  const segmentIds = [...new Set([...sizes.keys(), ...memberSegments])];
  const counted = await mapWithConcurrency(segmentIds, 4, (segmentId) => countIndexMembers(client, table, segmentId));
  segmentIds.forEach((segmentId, i) => {
    const size = sizes.get(segmentId) ?? 0;
    if (counted[i] !== size) problems.add('catalog-size-mismatch', `${segmentId}: catalogue ${sizes.has(segmentId) ? size : 'none'}, index ${counted[i]}`);
  });
}
