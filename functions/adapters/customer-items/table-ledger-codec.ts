import { endianness } from 'node:os';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { membershipKeysIn, tableKeys } from '../../shared/table-design.js';
import type { StoredItem } from './customer-item.js';
import type { LedgerRange, TableLedger } from './table-ledger.js';

/**
 * A table ledger's bytes. A nightly shard reads and writes its ledger of some 300,000 items
 * (50,000 customers), so the format is built to be decoded fast: a JSON header describes the
 * columns, and the bulky ones are typed arrays in a binary section after it.
 *
 * Items with the same keys, and the same table-design keys derived (below), form a group across
 * the ledger's buckets; a group keeps each item's bucket and one column per key:
 * - `key`: the table design's key for the row (pk, sk and the member index's keys follow from the
 *   bucket, the customer id and the segment id), so nothing is stored;
 * - `same`: one value for every row (pk, asOf, horizonDays...);
 * - `dict`: few distinct values (run ids, segment ids, days), stored once and referenced by index;
 * - `num`: numbers as float64 (null as NaN when no value is NaN);
 * - `str`: strings as UTF-8, separated by U+0000 (when none holds it);
 * - `raw`: anything else (a nested value, a mix of types), as JSON.
 * Decoding gives back exactly the items encoded (keys in sorted order; JSON values, as DynamoDB's
 * document client returns them). Another format (format 2 was all JSON) or another byte order is
 * treated as missing, so the first run after an upgrade reads the table.
 *
 * Bytes: gzip of [u32 LE header length][header JSON][zero padding to 8][binary section].
 */
const FORMAT = 3;
const COMPRESSION = { level: 1 };
const LITTLE_ENDIAN = endianness() === 'LE';

type BlobType = 'u8' | 'u16' | 'u32' | 'f64' | 'utf8';
/** `n` elements of type `t` at byte `o` of the binary section (bytes for utf8). */
interface Blob {
  t: BlobType;
  o: number;
  n: number;
}

type Column =
  | { k: 'key' }
  | { k: 'same'; v: unknown }
  | { k: 'dict'; d: unknown[]; i: Blob }
  | { k: 'num'; v: Blob; nulls: boolean }
  | { k: 'str'; v: Blob }
  | { k: 'raw'; v: unknown[] };

interface Group {
  keys: string[];
  rows: number;
  buckets: Blob;
  columns: Column[];
}

interface Header extends Omit<TableLedger, 'buckets'> {
  format: number;
  littleEndian: boolean;
  groups: Group[];
  voidedBy?: string;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const SEPARATOR = '\u0000';
const ELEMENT_BYTES: Record<BlobType, number> = { u8: 1, u16: 2, u32: 4, f64: 8, utf8: 1 };

/** The binary section as it is written: typed arrays, each at a multiple of 8 bytes. */
class BinaryWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  add(t: BlobType, array: ArrayBufferView, n: number): Blob {
    const blob = { t, o: this.length, n };
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    this.parts.push(bytes);
    this.length += bytes.byteLength;
    const pad = (8 - (this.length % 8)) % 8;
    if (pad > 0) {
      this.parts.push(new Uint8Array(pad));
      this.length += pad;
    }
    return blob;
  }

  indices(values: ArrayLike<number>, distinct: number): Blob {
    const Type = distinct <= 0x100 ? Uint8Array : distinct <= 0x10000 ? Uint16Array : Uint32Array;
    return this.add(Type === Uint8Array ? 'u8' : Type === Uint16Array ? 'u16' : 'u32', Type.from(values), values.length);
  }

  bytes(): Uint8Array[] {
    return this.parts;
  }
}

/** The table design's keys of an item with a string customerId (a membership when it has a string segmentId). */
function designKeysOf(item: StoredItem, bucket: number): Record<string, string> | null {
  const { customerId, segmentId } = item;
  if (typeof customerId !== 'string') return null;
  return typeof segmentId === 'string' ? membershipKeysIn(bucket, customerId, segmentId) : tableKeys.customerScore(customerId, bucket);
}

/** Keys the table design can give an item; an item's derived ones are a bit mask over this list. */
const DESIGN_KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];

/** Distinct values in order of first appearance, and each row's index among them; null once more than `limit` are found. */
function dictionaryOf(values: readonly unknown[], limit: number): { distinct: unknown[]; indices: Uint32Array } | null {
  const index = new Map<unknown, number>();
  const indices = new Uint32Array(values.length);
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row];
    let at = index.get(value);
    if (at === undefined) {
      if (index.size >= limit) return null;
      index.set(value, (at = index.size));
    }
    indices[row] = at;
  }
  return { distinct: [...index.keys()], indices };
}

function encodeColumn(values: readonly unknown[], binary: BinaryWriter): Column {
  const first = values[0];
  let same = true;
  let numbers = true;
  let strings = true;
  let nulls = false;
  let nan = false;
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row];
    if (value !== first) same = false;
    if (typeof value === 'number') {
      strings = false;
      if (value !== value) nan = true;
    } else if (typeof value === 'string') {
      numbers = false;
      if (strings && value.includes(SEPARATOR)) strings = false;
    } else if (value === null) {
      nulls = true;
      strings = false;
    } else if (typeof value === 'object' || typeof value === 'function') {
      return { k: 'raw', v: [...values] };
    } else {
      numbers = false;
      strings = false;
    }
  }
  if (same) return { k: 'same', v: first };
  // Map keys are SameValueZero: -0 comes back as 0 from a dictionary, as it does from JSON.
  const dictionary = (limit: number): Column | null => {
    const found = dictionaryOf(values, limit);
    return found && { k: 'dict', d: found.distinct, i: binary.indices(found.indices, found.distinct.length) };
  };
  if (numbers && !(nulls && nan)) {
    const found = dictionary(0x100);
    if (found) return found;
    const array = new Float64Array(values.length);
    // + 0 turns -0 into 0, as the dictionary and JSON do.
    for (let row = 0; row < values.length; row += 1) array[row] = values[row] === null ? Number.NaN : (values[row] as number) + 0;
    return { k: 'num', v: binary.add('f64', array, values.length), nulls };
  }
  const found = dictionary(strings ? Math.max(0x100, values.length / 4) : Math.max(16, values.length / 4));
  if (found) return found;
  if (strings) {
    const bytes = Buffer.from((values as string[]).join(SEPARATOR), 'utf8');
    return { k: 'str', v: binary.add('utf8', bytes, bytes.byteLength) };
  }
  return { k: 'raw', v: [...values] };
}

/** The sorted keys of items whose keys come in one order, found key by key without building a signature per item. */
interface KeyOrder {
  next: Map<string, KeyOrder>;
  sorted?: string[];
}

interface Rows {
  buckets: number[];
  items: StoredItem[];
}

/** Items group by their keys and by which of their keys are the table design's (an odd item keeps its own). */
function groupItems(ledger: TableLedger): Map<string[], Map<number, Rows>> {
  const groups = new Map<string[], Map<number, Rows>>();
  const orders: KeyOrder = { next: new Map() };
  for (const [key, items] of Object.entries(ledger.buckets)) {
    const bucket = Number(key);
    for (const item of items) {
      let order = orders;
      // As JSON.stringify would: a key whose value is undefined is not stored.
      for (const name in item) {
        if (item[name] === undefined) continue;
        let next = order.next.get(name);
        if (!next) order.next.set(name, (next = { next: new Map() }));
        order = next;
      }
      order.sorted ??= Object.keys(item).filter((name) => item[name] !== undefined).sort();
      const design = designKeysOf(item, bucket);
      let derived = 0;
      if (design) DESIGN_KEYS.forEach((name, bit) => (derived |= design[name] !== undefined && design[name] === item[name] ? 1 << bit : 0));
      let byDerived = groups.get(order.sorted);
      if (!byDerived) groups.set(order.sorted, (byDerived = new Map()));
      const rows = byDerived.get(derived);
      if (rows) {
        rows.buckets.push(bucket);
        rows.items.push(item);
      } else {
        byDerived.set(derived, { buckets: [bucket], items: [item] });
      }
    }
  }
  return groups;
}

async function pack(header: Omit<Header, 'format' | 'littleEndian'>, binary: BinaryWriter | null): Promise<Uint8Array> {
  const json = Buffer.from(JSON.stringify({ format: FORMAT, littleEndian: LITTLE_ENDIAN, ...header }), 'utf8');
  const pad = (8 - ((4 + json.byteLength) % 8)) % 8;
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, json.byteLength, true);
  return gzipAsync(Buffer.concat([length, json, new Uint8Array(pad), ...(binary?.bytes() ?? [])]), COMPRESSION);
}

export async function encodeLedger(ledger: TableLedger): Promise<Uint8Array> {
  const binary = new BinaryWriter();
  const groups: Group[] = [];
  for (const [keys, byDerived] of groupItems(ledger)) {
    for (const [derived, { buckets, items }] of byDerived) {
      const columns = keys.map((key): Column => {
        const bit = DESIGN_KEYS.indexOf(key);
        if (bit >= 0 && derived & (1 << bit)) return { k: 'key' };
        const values = new Array<unknown>(items.length);
        for (let row = 0; row < items.length; row += 1) values[row] = items[row]![key];
        return encodeColumn(values, binary);
      });
      groups.push({ keys, rows: items.length, buckets: binary.indices(buckets, ledger.toBucket), columns });
    }
  }
  const { fromBucket, toBucket, writtenBy, writtenAt, runsWithoutTableRead } = ledger;
  return pack({ fromBucket, toBucket, writtenBy, writtenAt, runsWithoutTableRead, groups }, binary);
}

export async function encodeVoided(range: LedgerRange, by: string): Promise<Uint8Array> {
  return pack({ ...range, writtenBy: by, writtenAt: new Date().toISOString(), runsWithoutTableRead: 0, groups: [], voidedBy: by }, null);
}

const ARRAY_TYPES = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f64: Float64Array } as const;

/** The blob's elements as a view on the binary section (no copy). */
function viewOf(blob: Blob, binary: Uint8Array): Uint8Array | Uint16Array | Uint32Array | Float64Array {
  if (!(blob.t in ELEMENT_BYTES) || blob.o % 8 !== 0 || blob.o + blob.n * ELEMENT_BYTES[blob.t] > binary.byteLength) throw new Error('ledger blob out of bounds');
  if (blob.t === 'utf8') return binary.subarray(blob.o, blob.o + blob.n);
  return new ARRAY_TYPES[blob.t](binary.buffer as ArrayBuffer, binary.byteOffset + blob.o, blob.n);
}

/** A column's value of each row, read from the header and the binary section. */
function columnValues(column: Exclude<Column, { k: 'key' }>, rows: number, binary: Uint8Array): (row: number) => unknown {
  const counted = <T>(values: ArrayLike<T>): ArrayLike<T> => {
    if (values.length !== rows) throw new Error('ledger column length differs from its group');
    return values;
  };
  switch (column.k) {
    case 'same':
      return () => column.v;
    case 'raw': {
      const values = counted(column.v);
      return (row) => values[row];
    }
    case 'dict': {
      const { d } = column;
      const indices = counted(viewOf(column.i, binary));
      return (row) => d[indices[row]!];
    }
    case 'num': {
      const values = counted(viewOf(column.v, binary));
      return column.nulls ? (row) => (Number.isNaN(values[row]) ? null : values[row]) : (row) => values[row];
    }
    case 'str': {
      const bytes = viewOf(column.v, binary);
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      const values = counted(text.split(SEPARATOR));
      return (row) => values[row];
    }
  }
}

function decodeGroups(groups: readonly Group[], binary: Uint8Array, range: LedgerRange): Record<string, StoredItem[]> {
  const buckets: Record<string, StoredItem[]> = {};
  for (const group of groups) {
    const { keys, rows, columns } = group;
    const bucketArray = viewOf(group.buckets, binary);
    if (group.buckets.t === 'f64' || group.buckets.t === 'utf8' || bucketArray.length !== rows) throw new Error('ledger bucket column does not fit its group');
    const stored = keys.flatMap((key, c) => (columns[c]!.k === 'key' ? [] : [{ key, value: columnValues(columns[c] as Exclude<Column, { k: 'key' }>, rows, binary) }]));
    const derived = keys.filter((_, c) => columns[c]!.k === 'key');
    // Items of a group are copies of one template, so they share one shape.
    const template: StoredItem = Object.fromEntries(keys.map((key) => [key, null]));
    for (let row = 0; row < rows; row += 1) {
      const bucket = bucketArray[row]!;
      if (bucket < range.fromBucket || bucket >= range.toBucket) throw new Error(`ledger bucket ${bucket} is outside its range`);
      const item: StoredItem = { ...template };
      for (const { key, value } of stored) item[key] = value(row);
      if (derived.length > 0) {
        const design = designKeysOf(item, bucket);
        if (!design) throw new Error(`ledger bucket ${bucket}: an item with derived keys has no customer id`);
        for (const key of derived) item[key] = design[key];
      }
      (buckets[bucket] ??= []).push(item);
    }
  }
  return buckets;
}

/** The ledger in the bytes, or null for a voided, unreadable or other-format one (the table is read then). */
export async function decodeLedger(bytes: Uint8Array, range: LedgerRange): Promise<TableLedger | null> {
  try {
    let container: Uint8Array = await gunzipAsync(bytes);
    // Typed arrays need their byte offset aligned; a pooled Buffer may not be.
    if (container.byteOffset % 8 !== 0) container = new Uint8Array(container);
    const headerLength = new DataView(container.buffer, container.byteOffset, 4).getUint32(0, true);
    const header = JSON.parse(Buffer.from(container.buffer, container.byteOffset + 4, headerLength).toString('utf8')) as Partial<Header>;
    if (header.format !== FORMAT || header.littleEndian !== LITTLE_ENDIAN || header.voidedBy !== undefined) return null;
    if (header.fromBucket !== range.fromBucket || header.toBucket !== range.toBucket || !Array.isArray(header.groups)) return null;
    if (typeof header.runsWithoutTableRead !== 'number' || typeof header.writtenBy !== 'string' || typeof header.writtenAt !== 'string') return null;
    const start = 4 + headerLength + ((8 - ((4 + headerLength) % 8)) % 8);
    const buckets = decodeGroups(header.groups, container.subarray(start), range);
    return { fromBucket: header.fromBucket, toBucket: header.toBucket, writtenBy: header.writtenBy, writtenAt: header.writtenAt, runsWithoutTableRead: header.runsWithoutTableRead, buckets };
  } catch {
    return null;
  }
}
