import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isoDay } from '../../../models/features/dates.js';
import { bucketOf, checkBucketRange } from '../../../models/partitioning/index.js';
import { mapWithConcurrency } from '../../shared/map-with-concurrency.js';
import { tableKeys } from '../../shared/table-design.js';
import { batchWrite, type BatchWriterOptions, type WriteRequest } from '../batch-writer.js';
import type { CustomerRow, ProspectRow, StoredItem, WritingRun } from './customer-item.js';
import { DEFAULT_TOLERANCE, addCounts, diffBucket, emptyCounts, type DiffCounts, type SettledRun, type Tolerance } from './diff-bucket.js';
import { readPartition } from './read-partition.js';
import { ReconcileInputError } from './reconcile-input-error.js';
import { StepTimer } from '../../../models/progress/index.js';
import { applyWrites, DEFAULT_MAX_RUNS_WITHOUT_TABLE_READ, takeLedgers, type TableLedgerStore } from './table-ledger.js';

/** Runs whose items stand: those that succeeded. A set of their ids, or a (possibly async) predicate. */
export type FinishedRuns = ReadonlySet<string> | ((runId: string) => boolean | Promise<boolean>);

export interface ReconcileInput extends WritingRun {
  /** Buckets [fromBucket, toBucket) this shard owns; every customer must hash into them. */
  fromBucket: number;
  toBucket: number;
  customers: readonly CustomerRow[];
  /** People of the shard with no purchase day (the lifecycle stage prospect): an item with no score, and their memberships. */
  prospects?: readonly ProspectRow[];
  finishedRuns: FinishedRuns;
  tolerance?: Partial<Tolerance>;
}

export interface ReconcileOptions {
  /** Bucket Queries in flight (default 16). */
  readConcurrency?: number;
  /** Writes go out in full 25-item batches, `concurrency` (default 8) of them at a time. */
  writer?: BatchWriterOptions;
  /**
   * Where the shard's table ledger is kept (see table-ledger): with one, buckets a trusted ledger
   * covers are not read back from the table, and the shard's new state is recorded when its writes are done.
   */
  ledgers?: TableLedgerStore;
  /** A ledger trusted this many runs in a row is ignored once, so the table is read in full (default 7). */
  maxRunsWithoutTableRead?: number;
}

export interface ReconcileResult extends DiffCounts {
  customers: number;
  prospects: number;
  buckets: number;
  /** Puts and deletes sent. */
  itemsWritten: number;
  /** Members of each segment in this shard after the run (from the input, which is the new state). */
  segmentSizes: Record<string, number>;
  /** Buckets whose items came from a table ledger rather than a read of the table. */
  bucketsFromLedger: number;
  /** Where the time went: taking (reading and voiding) the ledgers, reading and diffing the buckets with their writes, writing the new ledger. */
  seconds: Record<ReconcileStep, number>;
}

type ReconcileStep = 'ledgerRead' | 'diffAndWrites' | 'ledgerWrite';

const SEGMENT_ID = /^[^#]+$/;
/** Full flushes' worth of writes that may wait in the queue while the diff goes on. */
const HIGH_WATER = 8;
const NUMERIC_FIELDS = [
  'horizonDays', 'churnProbability', 'probabilityAlive', 'expectedOrders', 'expectedOrderValue', 'predictedSpend', 'predictedSpendLow',
  'predictedSpendHigh', 'predictedClv', 'clvHorizonDays', 'annualDiscountRate', 'historicClv', 'totalClv', 'frequency', 'recency', 'T', 'monetaryValue',
] as const;

/**
 * Makes the shard's buckets hold exactly the given customers' items, writing only the difference
 * with what the table holds (see diffBucket). Idempotent: the same input again writes nothing, and
 * after a crash at any point the same call finishes the job.
 */
export async function reconcileShard(client: DynamoDBDocumentClient, table: string, input: ReconcileInput, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const { readConcurrency = 16, writer = {}, ledgers, maxRunsWithoutTableRead = DEFAULT_MAX_RUNS_WITHOUT_TABLE_READ } = options;
  const { rowsByBucket, prospectsByBucket } = groupByBucket(input);
  const tolerance = { ...DEFAULT_TOLERANCE, ...input.tolerance };
  const run: WritingRun = { runId: input.runId, asOf: input.asOf, modelVersion: input.modelVersion };
  const range = { fromBucket: input.fromBucket, toBucket: input.toBucket };
  const settledFor = settledRuns(input.runId, input.finishedRuns);
  const total = emptyCounts();
  const steps = new StepTimer();
  // Taking the ledgers voids them, before the first write.
  const taken = await steps.time('ledgerRead', () => (ledgers ? takeLedgers(ledgers, range, input.runId, maxRunsWithoutTableRead) : null));
  const after: Record<string, StoredItem[]> = {};
  const writes = writeQueue(client, table, writer);

  const buckets = Array.from({ length: input.toBucket - input.fromBucket }, (_, i) => input.fromBucket + i);
  const itemsWritten = await steps.time('diffAndWrites', async () => {
    await mapWithConcurrency(buckets, readConcurrency, async (bucket) => {
      const stored = taken?.items.get(bucket) ?? (await readPartition(client, table, tableKeys.bucketPartition(bucket)));
      const diff = diffBucket(stored, rowsByBucket.get(bucket) ?? [], run, await settledFor(stored), tolerance, prospectsByBucket.get(bucket) ?? [], bucket);
      addCounts(total, diff.counts);
      if (ledgers) {
        const items = applyWrites(stored, diff.requests);
        if (items.length > 0) after[bucket] = items;
      }
      await writes.add(diff.requests);
    }).catch(async (error: unknown) => {
      await writes.stop();
      throw error;
    });
    return writes.finish();
  });
  await steps.time('ledgerWrite', async () => {
    if (!ledgers || !taken) return;
    const runsWithoutTableRead = taken.items.size > 0 ? taken.runsWithoutTableRead : 0;
    await ledgers.write({ ...range, writtenBy: input.runId, writtenAt: new Date().toISOString(), runsWithoutTableRead, buckets: after });
  });

  const segmentSizes: Record<string, number> = {};
  for (const row of [...input.customers, ...(input.prospects ?? [])]) for (const segment of row.segments) segmentSizes[segment] = (segmentSizes[segment] ?? 0) + 1;
  return {
    ...total,
    customers: input.customers.length,
    prospects: input.prospects?.length ?? 0,
    buckets: input.toBucket - input.fromBucket,
    itemsWritten,
    segmentSizes,
    bucketsFromLedger: taken?.items.size ?? 0,
    seconds: steps.bySteps() as Record<ReconcileStep, number>,
  };
}

/**
 * Collects the buckets' writes and sends them in full batches from one loop that runs beside the
 * diffing, so the table's latency and the diff's CPU overlap; a bucket that finds HIGH_WATER
 * batches' worth queued waits for the loop, so memory stays bounded however many buckets the
 * shard has. A failed write stops the loop and fails the next `add` and `finish`; `stop` waits
 * for the write in flight, so a failed shard leaves nothing running behind it.
 */
function writeQueue(client: DynamoDBDocumentClient, table: string, writer: BatchWriterOptions) {
  const flushAt = 25 * (writer.concurrency ?? 8);
  const highWater = flushAt * HIGH_WATER;
  const queue: WriteRequest[] = [];
  let written = 0;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  const drain = (all: boolean): Promise<void> => {
    running ??= (async () => {
      try {
        while (!failure && !stopped && (queue.length >= flushAt || (all && queue.length > 0))) written += await batchWrite(client, table, queue.splice(0, flushAt), writer);
      } catch (error) {
        failure ??= { error };
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const check = () => {
    if (failure) throw failure.error;
  };
  return {
    add: async (requests: WriteRequest[]) => {
      check();
      for (const request of requests) queue.push(request);
      if (queue.length >= highWater) {
        while (queue.length >= highWater && !failure) await drain(false);
      } else if (queue.length >= flushAt) {
        void drain(false);
      }
      check();
    },
    finish: async () => {
      while (running) await running;
      while (queue.length > 0 && !failure) await drain(true);
      check();
      return written;
    },
    stop: async () => {
      stopped = true;
      while (running) await running;
    },
  };
}

function groupByBucket(input: ReconcileInput): { rowsByBucket: Map<number, CustomerRow[]>; prospectsByBucket: Map<number, ProspectRow[]> } {
  const { fromBucket, toBucket } = input;
  try {
    checkBucketRange({ fromBucket, toBucket });
    isoDay(input.asOf);
  } catch (error) {
    throw new ReconcileInputError((error as Error).message, { cause: error });
  }
  if (!input.runId || !input.modelVersion) throw new ReconcileInputError('A reconcile needs the runId and modelVersion of the run that writes.');
  const seen = new Set<string>();
  const group = <Row extends { customerId: string }>(rows: readonly Row[], check: (row: Row) => void): Map<number, Row[]> => {
    const byBucket = new Map<number, Row[]>();
    for (const row of rows) {
      check(row);
      if (seen.has(row.customerId)) throw new ReconcileInputError(`Customer ${row.customerId} appears twice in the shard's input.`);
      seen.add(row.customerId);
      const bucket = bucketOf(row.customerId);
      if (bucket < fromBucket || bucket >= toBucket) {
        throw new ReconcileInputError(`Customer ${row.customerId} is in bucket ${bucket}, outside this shard's buckets [${fromBucket}, ${toBucket}).`);
      }
      const inBucket = byBucket.get(bucket);
      if (inBucket) inBucket.push(row);
      else byBucket.set(bucket, [row]);
    }
    return byBucket;
  };
  // A shard's 50,000 customers have a few thousand distinct days: each is parsed once.
  const days = new Set<string>();
  return { rowsByBucket: group(input.customers, (row) => checkRow(row, days)), prospectsByBucket: group(input.prospects ?? [], checkSegments) };
}

function checkRow(row: CustomerRow, validDays: Set<string>): void {
  const fail = (what: string) => new ReconcileInputError(`Customer ${JSON.stringify(row.customerId)}: ${what}.`);
  if (typeof row.customerId !== 'string' || row.customerId.length === 0) throw fail('the id is empty');
  for (const field of NUMERIC_FIELDS) {
    if (!Number.isFinite(row[field])) throw fail(`${field} is ${row[field]}`);
  }
  for (const field of ['churnProbability', 'probabilityAlive'] as const) {
    if (row[field] < 0 || row[field] > 1) throw fail(`${field} ${row[field]} is not a probability`);
  }
  for (const field of ['firstOrderDate', 'lastOrderDate'] as const) {
    if (validDays.has(row[field])) continue;
    try {
      validDays.add(isoDay(row[field]));
    } catch {
      throw fail(`${field} ${JSON.stringify(row[field])} is not a YYYY-MM-DD day`);
    }
  }
  checkSegments(row);
}

function checkSegments(row: { customerId: string; segments: readonly string[] }): void {
  const fail = (what: string) => new ReconcileInputError(`Customer ${JSON.stringify(row.customerId)}: ${what}.`);
  if (typeof row.customerId !== 'string' || row.customerId.length === 0) throw fail('the id is empty');
  if (new Set(row.segments).size !== row.segments.length) throw fail('a segment is listed twice');
  const bad = row.segments.find((segment) => !SEGMENT_ID.test(segment));
  if (bad !== undefined) throw fail(`segment id ${JSON.stringify(bad)} is empty or holds "#"`);
}

/** Resolves, once per run id, whether items of that run stand; the running run's own items always do. */
function settledRuns(runId: string, finishedRuns: FinishedRuns): (stored: StoredItem[]) => Promise<SettledRun> {
  const known = new Map<string, Promise<boolean>>();
  const isFinished = (id: string): Promise<boolean> => {
    let answer = known.get(id);
    if (!answer) {
      answer = Promise.resolve(typeof finishedRuns === 'function' ? finishedRuns(id) : finishedRuns.has(id));
      known.set(id, answer);
    }
    return answer;
  };
  return async (stored) => {
    const ids = [...new Set(stored.map((item) => item.runId).filter((id): id is string => typeof id === 'string' && id !== runId))];
    const finished = new Set<string>();
    await Promise.all(ids.map(async (id) => (await isFinished(id)) && finished.add(id)));
    return (id) => id === runId || (typeof id === 'string' && finished.has(id));
  };
}
