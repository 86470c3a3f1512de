import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { WriteRequest } from '../batch-writer.js';
import type { S3ObjectStore } from '../s3-object-store.js';
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

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const FORMAT = 1;

export async function encodeLedger(ledger: TableLedger): Promise<Uint8Array> {
  return gzipAsync(JSON.stringify({ format: FORMAT, ...ledger }));
}

/** The ledger in the bytes, or null for a voided or unreadable one (the table is read then). */
export async function decodeLedger(bytes: Uint8Array, range: LedgerRange): Promise<TableLedger | null> {
  try {
    const parsed = JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as Partial<TableLedger> & { format?: number; voidedBy?: string };
    if (parsed.format !== FORMAT || parsed.voidedBy !== undefined) return null;
    if (parsed.fromBucket !== range.fromBucket || parsed.toBucket !== range.toBucket || typeof parsed.buckets !== 'object' || parsed.buckets === null) return null;
    if (typeof parsed.runsWithoutTableRead !== 'number' || typeof parsed.writtenBy !== 'string') return null;
    return parsed as TableLedger;
  } catch {
    return null;
  }
}

export async function encodeVoided(range: LedgerRange, by: string): Promise<Uint8Array> {
  return gzipAsync(JSON.stringify({ format: FORMAT, ...range, voidedBy: by }));
}

/** Ledgers held in memory, for tests; `reads` counts the ledgers read. */
export class InMemoryTableLedgerStore implements TableLedgerStore {
  readonly objects = new Map<string, Uint8Array>();
  reads = 0;

  async ranges(): Promise<LedgerRange[]> {
    return [...this.objects.keys()].map((key) => {
      const [fromBucket, toBucket] = key.split('-').map(Number) as [number, number];
      return { fromBucket, toBucket };
    });
  }

  async read(range: LedgerRange): Promise<TableLedger | null> {
    const bytes = this.objects.get(`${range.fromBucket}-${range.toBucket}`);
    this.reads += 1;
    return bytes ? decodeLedger(bytes, range) : null;
  }

  async write(ledger: TableLedger): Promise<void> {
    this.objects.set(`${ledger.fromBucket}-${ledger.toBucket}`, await encodeLedger(ledger));
  }

  async void(range: LedgerRange, by: string): Promise<void> {
    this.objects.set(`${range.fromBucket}-${range.toBucket}`, await encodeVoided(range, by));
  }
}

const pad = (bucket: number) => String(bucket).padStart(4, '0');
const RANGE_KEY = /(\d{4})-(\d{4})\.json\.gz$/;

/** Ledgers as objects `<prefix><from>-<to>.json.gz` of the data bucket. */
export class S3TableLedgerStore implements TableLedgerStore {
  constructor(
    private readonly store: Pick<S3ObjectStore, 'get' | 'put' | 'list'>,
    private readonly prefix: string,
  ) {}

  private keyOf(range: LedgerRange): string {
    return `${this.prefix}${pad(range.fromBucket)}-${pad(range.toBucket)}.json.gz`;
  }

  async ranges(): Promise<LedgerRange[]> {
    const ranges: LedgerRange[] = [];
    for (const { key } of await this.store.list(this.prefix)) {
      const match = RANGE_KEY.exec(key);
      if (match) ranges.push({ fromBucket: Number(match[1]), toBucket: Number(match[2]) });
    }
    return ranges;
  }

  async read(range: LedgerRange): Promise<TableLedger | null> {
    const bytes = await this.store.get(this.keyOf(range));
    return bytes ? decodeLedger(bytes, range) : null;
  }

  async write(ledger: TableLedger): Promise<void> {
    await this.store.put(this.keyOf(ledger), await encodeLedger(ledger), 'application/gzip');
  }

  async void(range: LedgerRange, by: string): Promise<void> {
    await this.store.put(this.keyOf(range), await encodeVoided(range, by), 'application/gzip');
  }
}
