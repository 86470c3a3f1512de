import type { S3ObjectStore } from '../s3-object-store.js';
import { decodeLedger, encodeLedger, encodeVoided } from './table-ledger-codec.js';
import type { LedgerRange, TableLedger, TableLedgerStore } from './table-ledger.js';

/** Where table ledgers are kept: S3 objects of the data bucket, or memory in tests. Their bytes: table-ledger-codec.ts. */
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
