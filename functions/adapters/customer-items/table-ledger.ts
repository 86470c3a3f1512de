import type { WriteRequest } from '../batch-writer.js';
import type { StoredItem } from './customer-item.js';

/**
 * A table ledger is a copy of what the table holds in a range of buckets, written by the shard
 * that just made those buckets hold exactly that. The next run's shard diffs against it instead
 * of reading every item back, so a nightly rescore reads one object per shard and writes only
 * what changed.
 *
 * It is only ever trusted while nothing can have written those buckets since:
 * - before a shard sends its first write it voids every ledger that overlaps its buckets, and the
 *   void must succeed first, so a run that dies mid-write leaves no ledger and the next run reads
 *   the table (the failure that made "diff against the last run's snapshot" unsafe);
 * - a ledger is written only after every write of the shard went through;
 * - a ledger trusted for `maxRunsWithoutTableRead` runs in a row is ignored once, so the table is
 *   read in full now and then and anything written outside the pipeline is corrected.
 * Anything else that writes customer items (a deletion request) must void the ledgers first.
 * Ledgers are voided by overwriting, never deleted: functions of the pipeline cannot delete objects.
 * Where they are kept and how they are encoded : table-ledger-stores.ts, and their bytes: table-ledger-codec.ts.
 */
export interface TableLedger {
  fromBucket: number;
  toBucket: number;
  /** The run whose writes it records, and when it was written. */
  writtenBy: string;
  writtenAt: string;
  /** Runs in a row that trusted a ledger instead of reading the table (0: this run read the table). */
  runsWithoutTableRead: number;
  /** Every item of each bucket of the range, by bucket; a bucket absent here holds no items. */
  buckets: Record<string, StoredItem[]>;
}

export interface LedgerRange {
  fromBucket: number;
  toBucket: number;
}

/** Where ledgers are kept (the data bucket, in AWS and locally; memory in tests). */
export interface TableLedgerStore {
  /** The ranges that have a ledger object, valid or voided. */
  ranges(): Promise<LedgerRange[]>;
  /** The range's ledger, or null when there is none or it was voided. */
  read(range: LedgerRange): Promise<TableLedger | null>;
  write(ledger: TableLedger): Promise<void>;
  /** Makes the range's ledger unusable; done before any write to its buckets. */
  void(range: LedgerRange, by: string): Promise<void>;
}

export const DEFAULT_MAX_RUNS_WITHOUT_TABLE_READ = 7;

/** What a shard starts from: the buckets a trusted ledger vouches for, and the count it carries on. */
export interface TakenLedger {
  items: Map<number, StoredItem[]>;
  runsWithoutTableRead: number;
}

const overlaps = (a: LedgerRange, b: LedgerRange) => a.fromBucket < b.toBucket && b.fromBucket < a.toBucket;
const within = (inner: LedgerRange, outer: LedgerRange) => inner.fromBucket >= outer.fromBucket && inner.toBucket <= outer.toBucket;

/**
 * Reads the ledgers lying within the shard's range that may still be trusted, then voids every
 * ledger overlapping the range (whether used or not) before returning, so no write can precede
 * the void. Buckets no trusted ledger covers are read from the table.
 */
export async function takeLedgers(store: TableLedgerStore, range: LedgerRange, runId: string, maxRunsWithoutTableRead: number): Promise<TakenLedger> {
  const overlapping = (await store.ranges()).filter((r) => overlaps(r, range));
  const items = new Map<number, StoredItem[]>();
  let runsWithoutTableRead = 0;
  for (const candidate of overlapping.filter((r) => within(r, range))) {
    const ledger = await store.read(candidate);
    if (!ledger || ledger.runsWithoutTableRead + 1 > maxRunsWithoutTableRead) continue;
    runsWithoutTableRead = Math.max(runsWithoutTableRead, ledger.runsWithoutTableRead + 1);
    for (let bucket = ledger.fromBucket; bucket < ledger.toBucket; bucket += 1) items.set(bucket, ledger.buckets[bucket] ?? []);
  }
  for (const r of overlapping) await store.void(r, runId);
  return { items, runsWithoutTableRead };
}

/** A bucket's items after its writes went through: puts replace or add by sort key, deletes remove. */
export function applyWrites(stored: readonly StoredItem[], requests: readonly WriteRequest[]): StoredItem[] {
  if (requests.length === 0) return [...stored];
  const bySk = new Map(stored.map((item) => [String(item.sk), item]));
  for (const request of requests) {
    if ('PutRequest' in request) bySk.set(String(request.PutRequest.Item.sk), request.PutRequest.Item);
    else bySk.delete(String(request.DeleteRequest.Key.sk));
  }
  return [...bySk.values()];
}
