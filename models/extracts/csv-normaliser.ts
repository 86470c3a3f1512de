import { randomBytes } from 'node:crypto';
import { guessDelimiter, splitCsvLine } from './csv-header-line.js';
import { ExtractRejectedError } from './extract-rejected-error.js';

/** DuckDB's own default line limit; a longer record is quarantined instead of failing the file. */
export const MAX_RECORD_BYTES = 2 * 1024 * 1024;
/** How much of an over-long record the quarantine file shows. */
const KEPT_PREFIX_CHARS = 1000;

// Excel writes `sep=;` as the first line; saved again, the line can come back padded (`sep=;;;`).
const SEP_LINE = /^"?sep=([,;\t|])"?\1*(?:\r\n|\n|\r|$)/i;
const LINE_BREAK = /\r\n|\n|\r/;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const NEWLINE = Buffer.from('\n');
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMPTY = Buffer.alloc(0);

/** Line breaks ending records, by kind (a CR at the very end of a chunk is counted once the next byte is known). */
export interface LineEndings {
  lf: number;
  crlf: number;
  cr: number;
}

export interface OversizedRecords {
  /** First field of the one-line stand-in each over-long record is replaced by, followed by `-<index>`. */
  marker: string;
  limitBytes: number;
  records: { bytes: number; rawPrefix: string }[];
}

type State = 'unquoted' | 'quoted' | 'quote-in-quoted';

/**
 * Rewrites UTF-8 CSV, streamed, into what DuckDB reads without surprises: the Excel `sep=` line
 * removed (its delimiter kept), every record ending in LF (a header ending in LF over rows
 * ending in CRLF defeats DuckDB's sniffer), blank lines dropped so that DuckDB's line numbers
 * are record numbers, and a record over the size limit replaced by a stand-in line that
 * `loadRawExtract` turns into one quarantined row. Line breaks inside quoted fields, NUL bytes
 * and everything else are left as they are.
 */
export class CsvNormaliser {
  readonly oversized: OversizedRecords;
  sepDelimiter: string | null = null;
  /** Delimiter guessed from the header line (DuckDB may still sniff another). */
  delimiter = ',';
  header: string | null = null;
  private headerFields = 1;
  private head: Buffer[] = [];
  private headBytes = 0;
  private ready = false;
  private delimiterCode = 0x2c;
  private state: State = 'unquoted';
  /** The byte before the bytes being scanned: a line break at the start of the file. */
  private lastByte = LF;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skipping: { bytes: number; rawPrefix: string } | null = null;
  private afterCr = false;
  private records = 0;
  /** How the file's lines ended, outside quoted fields (blank lines included). */
  readonly lineEndings: LineEndings = { lf: 0, crlf: 0, cr: 0 };

  constructor(
    private readonly fileName: string,
    private readonly limitBytes = MAX_RECORD_BYTES,
  ) {
    this.oversized = { marker: `oversized-record-${randomBytes(8).toString('hex')}`, limitBytes, records: [] };
  }

  push(bytes: Buffer): Buffer {
    const parts = this.pushParts(bytes);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** push's output as the pieces it is made of, mostly slices of `bytes`: written one by one, nothing is copied. */
  pushParts(bytes: Buffer): Buffer[] {
    if (this.ready) return this.scan(bytes);
    this.head.push(bytes);
    this.headBytes += bytes.length;
    return this.headComplete() ? this.start() : [];
  }

  end(): Buffer {
    const out = this.ready ? [] : this.start();
    if (this.afterCr) this.lineEndings.cr += 1;
    this.afterCr = false;
    if (this.skipping && this.state === 'quoted') throw this.unterminatedQuote();
    if (this.pendingBytes > 0 || this.skipping) this.endRecord(EMPTY, out);
    return Buffer.concat(out);
  }

  /** The sep line and the header line are both needed before scanning can start. */
  private headComplete(): boolean {
    if (this.headBytes > this.limitBytes) return true;
    const text = Buffer.concat(this.head).toString('latin1');
    const lines = text.split(LINE_BREAK, 3).length;
    return lines >= 3 || (lines === 2 && !/^(\xEF\xBB\xBF)?"?sep=/i.test(text));
  }

  private start(): Buffer[] {
    let bytes = Buffer.concat(this.head);
    this.head = [];
    if (bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3);
    const sep = SEP_LINE.exec(bytes.toString('latin1', 0, 256));
    if (sep) {
      this.sepDelimiter = sep[1] ?? null;
      bytes = bytes.subarray(sep[0].length);
    }
    const headerEnd = Math.min(indexOrEnd(bytes, LF, 0), indexOrEnd(bytes, CR, 0));
    this.delimiter = this.sepDelimiter ?? guessDelimiter(bytes.toString('utf8', 0, headerEnd));
    this.delimiterCode = this.delimiter.charCodeAt(0);
    this.ready = true;
    return this.scan(bytes);
  }

  /**
   * Finds record ends (LF, CRLF or CR outside quotes) with indexOf rather than byte by byte: a
   * quote opens a quoted field only right after a delimiter or a line break. Records that need
   * no change stay in one slice of the input (`copyFrom`), so a clean file passes through in chunks.
   */
  private scan(bytes: Buffer): Buffer[] {
    const out: Buffer[] = [];
    const n = bytes.length;
    if (bytes.length === 0) return out;
    if (this.afterCr) this.lineEndings[bytes[0] === LF ? 'crlf' : 'cr'] += 1;
    let i = this.afterCr && bytes[0] === LF ? 1 : 0;
    this.afterCr = false;
    let recordStart = i;
    let copyFrom = i;
    let nextLf = -1;
    let nextCr = -1;
    let nextQuote = -1;
    while (i < n) {
      if (nextQuote < i) nextQuote = indexOrEnd(bytes, QUOTE, i);
      if (this.state === 'quote-in-quoted') {
        // The quote before i closed the field unless it is doubled.
        this.state = bytes[i] === QUOTE ? 'quoted' : 'unquoted';
        if (this.state === 'quoted') i += 1;
        continue;
      }
      if (this.state === 'quoted') {
        i = nextQuote + 1;
        if (nextQuote < n) this.state = 'quote-in-quoted';
        continue;
      }
      if (nextLf < i) nextLf = indexOrEnd(bytes, LF, i);
      if (nextCr < i) nextCr = indexOrEnd(bytes, CR, i);
      const end = Math.min(nextLf, nextCr);
      if (nextQuote < end) {
        const before = nextQuote > 0 ? bytes[nextQuote - 1] : this.lastByte;
        if (before === this.delimiterCode || before === LF || before === CR) this.state = 'quoted';
        i = nextQuote + 1;
        continue;
      }
      if (end === n) break;
      let next = end + 1;
      if (end === nextCr) {
        if (next === n) this.afterCr = true;
        else if (bytes[next] === LF) {
          next += 1;
          this.lineEndings.crlf += 1;
        } else this.lineEndings.cr += 1;
      } else this.lineEndings.lf += 1;
      if (this.isPlain(recordStart, end)) {
        this.records += 1;
        if (end === nextCr) {
          out.push(bytes.subarray(copyFrom, end), NEWLINE);
          copyFrom = next;
        }
      } else {
        out.push(bytes.subarray(copyFrom, recordStart));
        this.endRecord(bytes.subarray(recordStart, end), out);
        copyFrom = next;
      }
      i = next;
      recordStart = next;
    }
    this.lastByte = bytes[n - 1] ?? this.lastByte;
    out.push(bytes.subarray(copyFrom, recordStart));
    this.carry(bytes.subarray(recordStart));
    return out.filter((part) => part.length > 0);
  }

  /** A data record that passes through as it is. */
  private isPlain(start: number, end: number): boolean {
    return !this.skipping && this.pendingBytes === 0 && this.header !== null && end > start && end - start <= this.limitBytes;
  }

  private carry(rest: Buffer): void {
    if (this.skipping) {
      this.skipping.bytes += rest.length;
      return;
    }
    if (rest.length === 0) return;
    this.pending.push(Buffer.from(rest));
    this.pendingBytes += rest.length;
    if (this.pendingBytes <= this.limitBytes) return;
    if (this.header === null) throw this.headerTooLong();
    this.skipping = { bytes: this.pendingBytes, rawPrefix: prefixOf(Buffer.concat(this.pending)) };
    this.pending = [];
    this.pendingBytes = 0;
  }

  private endRecord(segment: Buffer, out: Buffer[]): void {
    if (this.skipping) {
      this.skipping.bytes += segment.length;
      this.replaceOversized(this.skipping, out);
      this.skipping = null;
      return;
    }
    const length = this.pendingBytes + segment.length;
    if (length === 0) return;
    const record = this.pendingBytes > 0 ? Buffer.concat([...this.pending, segment]) : segment;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.header === null) {
      if (length > this.limitBytes) throw this.headerTooLong();
      this.header = record.toString('utf8');
      this.headerFields = splitCsvLine(this.header, this.delimiter).length;
    } else if (length > this.limitBytes) {
      this.replaceOversized({ bytes: length, rawPrefix: prefixOf(record) }, out);
      return;
    } else {
      this.records += 1;
    }
    out.push(record, NEWLINE);
  }

  private replaceOversized(record: { bytes: number; rawPrefix: string }, out: Buffer[]): void {
    const index = this.oversized.records.push(record) - 1;
    this.records += 1;
    out.push(Buffer.from(`${this.oversized.marker}-${index}${this.delimiter.repeat(this.headerFields - 1)}\n`));
  }

  private headerTooLong(): ExtractRejectedError {
    return new ExtractRejectedError(
      'unreadable-file',
      `The first line of ${this.fileName} is longer than ${this.limitBytes} bytes, so it cannot be a header; is this a CSV file?`,
    );
  }

  private unterminatedQuote(): ExtractRejectedError {
    const row = this.records + 1;
    return new ExtractRejectedError(
      'unreadable-file',
      `Row ${row} of ${this.fileName} opens a quoted field that is never closed, so the last ` +
        `${this.skipping?.bytes ?? 0} bytes of the file cannot be split into rows. Fix the quoting and upload it again.`,
      { row },
    );
  }
}

const indexOrEnd = (bytes: Buffer, byte: number, from: number): number => {
  const at = bytes.indexOf(byte, from);
  return at < 0 ? bytes.length : at;
};

// 1,000 characters are at most 4,000 bytes, so the cut never splits one of them.
const prefixOf = (record: Buffer): string => `${record.toString('utf8', 0, 4 * KEPT_PREFIX_CHARS).slice(0, KEPT_PREFIX_CHARS)}...`;
