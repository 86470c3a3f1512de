import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { membershipKeysIn, tableKeys } from '../../shared/table-design.js';
import type { StoredItem } from './customer-item.js';
import type { S3ObjectStore } from '../s3-object-store.js';
import type { LedgerRange, TableLedger, TableLedgerStore } from './table-ledger.js';

/**
 * Where table ledgers are kept (S3 objects of the data bucket, or memory in tests), and their
 * bytes: each bucket's items are stored as columns: items with the same keys form
 * a group, and a group keeps one array per key, so the 300,000 items of a 50,000-customer shard
 * are not 300,000 JSON objects repeating every key name. Within a column:
 * - `key`: every row's value is the table design's key for the row (pk, sk and the member index's
 *   keys follow from the bucket, the customer id and the segment id), so nothing is stored;
 * - `same`: one value for every row (pk, asOf, horizonDays...);
 * - `dict`: few distinct values (run ids, segment ids), stored once and referenced by index;
 * - `raw`: the values as they are.
 * Decoding gives back exactly the items encoded (keys in sorted order; JSON values, as DynamoDB's
 * document client returns them). Format 1 (one JSON object per item) is no longer read: a ledger
 * of another format is treated as missing, so the first run after an upgrade reads the table.
 */
const FORMAT = 2;
const COMPRESSION = { level: 1 };

type Column =
  | { k: 'key' }
  | { k: 'same'; v: unknown }
  | { k: 'dict'; d: unknown[]; i: number[] }
  | { k: 'raw'; v: unknown[] };

interface Group {
  keys: string[];
  rows: number;
  columns: Column[];
}

type EncodedLedger = Omit<TableLedger, 'buckets'> & { format: number; buckets: Record<string, Group[]> };

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The table design's keys of an item with a string customerId (a membership when it has a string segmentId). */
function designKeysOf(item: StoredItem, bucket: number): Record<string, string> | null {
  const { customerId, segmentId } = item;
  if (typeof customerId !== 'string') return null;
  return typeof segmentId === 'string' ? membershipKeysIn(bucket, customerId, segmentId) : tableKeys.customerScore(customerId, bucket);
}

/** Keys the table design can give an item; an item's derived ones are a bit mask over this list. */
const DESIGN_KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
const isPrimitive = (value: unknown) => value === null || (typeof value !== 'object' && typeof value !== 'function');

function encodeColumn(key: string, items: readonly StoredItem[]): Column {
  const values = items.map((item) => item[key]);
  if (!values.every(isPrimitive)) return { k: 'raw', v: values };
  if (values.every((value) => value === values[0])) return { k: 'same', v: values[0] };
  const index = new Map<unknown, number>();
  const indices = values.map((value) => {
    let at = index.get(value);
    if (at === undefined) index.set(value, (at = index.size));
    return at;
  });
  return index.size <= Math.max(16, values.length / 4) ? { k: 'dict', d: [...index.keys()], i: indices } : { k: 'raw', v: values };
}

/** The sorted keys of items whose keys come in one order, found key by key without building a signature per item. */
interface KeyOrder {
  next: Map<string, KeyOrder>;
  sorted?: string[];
}

/** Items group by their keys and by which of their keys are the table design's (an odd item keeps its own). */
function encodeBucket(items: readonly StoredItem[], bucket: number): Group[] {
  const groups = new Map<string[], Map<number, StoredItem[]>>();
  const orders: KeyOrder = { next: new Map() };
  for (const item of items) {
    let order = orders;
    // As JSON.stringify would: a key whose value is undefined is not stored.
    for (const key in item) {
      if (item[key] === undefined) continue;
      let next = order.next.get(key);
      if (!next) order.next.set(key, (next = { next: new Map() }));
      order = next;
    }
    order.sorted ??= Object.keys(item).filter((key) => item[key] !== undefined).sort();
    const design = designKeysOf(item, bucket);
    let derived = 0;
    if (design) DESIGN_KEYS.forEach((key, bit) => (derived |= design[key] !== undefined && design[key] === item[key] ? 1 << bit : 0));
    let byDerived = groups.get(order.sorted);
    if (!byDerived) groups.set(order.sorted, (byDerived = new Map()));
    const group = byDerived.get(derived);
    if (group) group.push(item);
    else byDerived.set(derived, [item]);
  }
  return [...groups].flatMap(([keys, byDerived]) =>
    [...byDerived].map(([derived, rows]) => ({
      keys,
      rows: rows.length,
      columns: keys.map((key): Column => {
        const bit = DESIGN_KEYS.indexOf(key);
        return bit >= 0 && derived & (1 << bit) ? { k: 'key' } : encodeColumn(key, rows);
      }),
    })),
  );
}

function decodeBucket(groups: readonly Group[], bucket: number): StoredItem[] {
  const items: StoredItem[] = [];
  for (const { keys, rows, columns } of groups) {
    const stored = keys.flatMap((key, c) => (columns[c]!.k === 'key' ? [] : [{ key, column: columns[c] as Exclude<Column, { k: 'key' }> }]));
    const derived = keys.filter((_, c) => columns[c]!.k === 'key');
    // Items of a group are copies of one template, so they share one shape.
    const template: StoredItem = Object.fromEntries(keys.map((key) => [key, null]));
    for (let row = 0; row < rows; row += 1) {
      const item: StoredItem = { ...template };
      for (const { key, column } of stored) item[key] = column.k === 'same' ? column.v : column.k === 'dict' ? column.d[column.i[row]!] : column.v[row];
      if (derived.length > 0) {
        const design = designKeysOf(item, bucket);
        if (!design) throw new Error(`ledger bucket ${bucket}: an item with derived keys has no customer id`);
        for (const key of derived) item[key] = design[key];
      }
      items.push(item);
    }
  }
  return items;
}

export async function encodeLedger(ledger: TableLedger): Promise<Uint8Array> {
  const buckets: Record<string, Group[]> = {};
  for (const [bucket, items] of Object.entries(ledger.buckets)) buckets[bucket] = encodeBucket(items, Number(bucket));
  const encoded: EncodedLedger = { format: FORMAT, ...ledger, buckets };
  return gzipAsync(JSON.stringify(encoded), COMPRESSION);
}

/** The ledger in the bytes, or null for a voided, unreadable or other-format one (the table is read then). */
export async function decodeLedger(bytes: Uint8Array, range: LedgerRange): Promise<TableLedger | null> {
  try {
    const parsed = JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as Partial<EncodedLedger> & { voidedBy?: string };
    if (parsed.format !== FORMAT || parsed.voidedBy !== undefined) return null;
    if (parsed.fromBucket !== range.fromBucket || parsed.toBucket !== range.toBucket || typeof parsed.buckets !== 'object' || parsed.buckets === null) return null;
    if (typeof parsed.runsWithoutTableRead !== 'number' || typeof parsed.writtenBy !== 'string' || typeof parsed.writtenAt !== 'string') return null;
    const buckets: Record<string, StoredItem[]> = {};
    for (const [bucket, groups] of Object.entries(parsed.buckets)) buckets[bucket] = decodeBucket(groups, Number(bucket));
    return { fromBucket: parsed.fromBucket, toBucket: parsed.toBucket, writtenBy: parsed.writtenBy, writtenAt: parsed.writtenAt, runsWithoutTableRead: parsed.runsWithoutTableRead, buckets };
  } catch {
    return null;
  }
}

export async function encodeVoided(range: LedgerRange, by: string): Promise<Uint8Array> {
  return gzipAsync(JSON.stringify({ format: FORMAT, ...range, voidedBy: by }), COMPRESSION);
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
