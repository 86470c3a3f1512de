/**
 * Reads what the ingest made of a hostile extract (clean Parquet, quarantine CSV, rejection) and
 * compares it row by row with the extract's expectations (test/support/hostile-extracts.ts).
 * Shared by the property test and the harness, so both count the same way.
 */
import { gunzipSync } from 'node:zlib';
import { sqlString, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import type { ExpectedValidRow, HostileExtract, RejectionFamily } from './hostile-extracts.js';

export interface CleanRow {
  customerId: string | null;
  /** YYYY-MM-DD, or null when the column is absent or empty. */
  orderDate: string | null;
  amount: number | null;
  orderId: string | null;
}

export interface QuarantineRow {
  rowNumber: number | null;
  reason: string;
}

export type Observed =
  | { status: 'accepted'; clean: CleanRow[]; quarantine: QuarantineRow[]; rowsAccepted?: number; rowsQuarantined?: number; crash?: Crash }
  | { status: 'rejected'; reason: string; message: string; crash?: Crash }
  | { status: 'crashed'; crash: Crash };

export interface Crash {
  /** `ingest`: no ingest outcome was written; `after-ingest`: the upload was ingested, a later step (scoring) failed. */
  phase: 'ingest' | 'after-ingest';
  message: string;
}

/** Reads the clean Parquet whatever the types of its columns (timestamp or date, double or decimal). */
export async function readCleanRows(db: DuckDbSession, parquetPath: string): Promise<CleanRow[]> {
  const source = `read_parquet(${sqlString(parquetPath)})`;
  const columns = new Set((await db.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source})`)).map((c) => c.column_name));
  const pick = (name: string, sql: string) => (columns.has(name) ? sql : 'NULL');
  const idColumn = columns.has('customer_id') ? 'customer_id' : columns.has('prospect_id') ? 'prospect_id' : null;
  const rows = await db.rows<{ customer_id: string | null; order_date: string | null; amount: number | null; order_id: string | null }>(`
    SELECT ${idColumn ? `CAST("${idColumn}" AS VARCHAR)` : 'NULL'} AS customer_id,
      ${pick('order_date', `strftime(TRY_CAST(order_date AS TIMESTAMP), '%Y-%m-%d')`)} AS order_date,
      ${pick('amount', 'TRY_CAST(amount AS DOUBLE)')} AS amount,
      ${pick('order_id', 'CAST(order_id AS VARCHAR)')} AS order_id
    FROM ${source}`);
  return rows.map((r) => ({ customerId: r.customer_id, orderDate: r.order_date, amount: r.amount === null ? null : Number(r.amount), orderId: r.order_id }));
}

/** RFC 4180 records of a CSV text (quotes, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The quarantine CSV's `row_number` and `reason` (found by header name; gzip tolerated). */
export function parseQuarantineCsv(bytes: Uint8Array): QuarantineRow[] {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(gunzipSync(bytes)) : bytes;
  const [header, ...records] = parseCsv(new TextDecoder().decode(raw));
  if (!header) return [];
  const find = (name: string) => header.findIndex((h) => h.trim().replace(/^'/, '').toLowerCase() === name);
  const rowColumn = find('row_number');
  const reasonColumn = find('reason');
  return records.map((record) => {
    const rowText = (rowColumn >= 0 ? record[rowColumn] : '')?.replace(/^'/, '').trim() ?? '';
    const rowNumber = /^[0-9]+$/.test(rowText) ? Number(rowText) : null;
    return { rowNumber, reason: (reasonColumn >= 0 ? record[reasonColumn] : '') ?? '' };
  });
}

const REJECTION_MATCHERS: Record<RejectionFamily, (reason: string, message: string) => boolean> = {
  'corrupt-gzip': (reason, message) => /truncat|corrupt|incomplete|unexpected end|damaged/i.test(`${reason} ${message}`),
  'empty-file': (reason, message) => reason === 'empty-file' || /\bempty\b|no data|no rows/i.test(message),
  'header-only': (reason, message) => ['empty-file', 'header-only', 'no-data-rows'].includes(reason) || /header|no data rows|no rows|\bempty\b/i.test(message),
  'zip-archive': (reason, message) => /zip|xlsx|excel|workbook/i.test(`${reason} ${message}`),
  'missing-columns': (reason, message) => reason === 'missing-columns' || /lacks required|missing (required )?columns?/i.test(message),
};

/** Whether a rejection's code or message says what the family is about. */
export const matchesRejectionFamily = (family: RejectionFamily, reason: string, message: string): boolean => REJECTION_MATCHERS[family](reason, message);

/** A reason without the quoted value: `unparseable amount "abc"` -> `unparseable amount`. */
export function reasonKind(reason: string): string {
  return reason
    .replace(/^'/, '')
    .replace(/^(duplicate of row|malformed CSV record|repeated \S+).*$/s, '$1')
    .replace(/ ".*$/s, '')
    .replace(/ -?[0-9][0-9.e+-]*$/i, '')
    .replace(/:.*$/s, '')
    .trim()
    .slice(0, 80);
}

export interface FileVerdict {
  id: string;
  name: string;
  kind: string;
  key: string;
  fileFaults: string[];
  expected: 'accepted' | 'rejected';
  expectedFamily: RejectionFamily | null;
  actual: Observed['status'];
  actualReason: string | null;
  crash: Crash | null;
  /** For expected rejections: as-expected, wrong-reason or not-rejected; for the rest: unexpected when rejected. */
  rejection: 'as-expected' | 'wrong-reason' | 'not-rejected' | 'unexpected' | null;
  validIn: number;
  validKept: number;
  validLost: number;
  /** Lost while the file was reported accepted (the upload looked fine). */
  validLostSilently: number;
  /** ... of which neither in clean nor in the quarantine. */
  validLostWithoutTrace: number;
  validQuarantined: number;
  badIn: number;
  badQuarantined: number;
  badQuarantinedWithoutReason: number;
  badMissing: number;
  /** Clean rows that match no valid row: leaked bad rows or altered values. */
  unexpectedClean: number;
  /** Quarantine entries at no bad row's number (and no lost valid row's): numbering is off. */
  misplacedQuarantine: number;
  /** Rows accepted although the whole file had to be rejected. */
  acceptedFromRejectedFile: number;
  /** Failing expectations, grouped by cause. */
  causes: Record<string, number>;
  examples: string[];
  seconds?: number;
  /** Harness remarks (CLI exit code, whether a scoring run happened). */
  notes?: string[];
}

const close = (a: number | null | undefined, b: number | null | undefined): boolean =>
  a === b || (a !== null && a !== undefined && b !== null && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

const describeTraits = (row: ExpectedValidRow) => (row.traits.length > 0 ? row.traits.join('+') : 'plain');
const preview = (value: unknown) => JSON.stringify(value)?.slice(0, 140);

/** Row-by-row comparison of what the ingest did with an extract against what it should have done. */
export function judge(extract: HostileExtract, observed: Observed): FileVerdict {
  const expected = extract.expected;
  const causes: Record<string, number> = {};
  const examples: string[] = [];
  const cause = (name: string, n = 1, example?: string) => {
    if (n <= 0) return;
    causes[name] = (causes[name] ?? 0) + n;
    if (example && examples.length < 12) examples.push(`${name}: ${example}`);
  };
  const crash = observed.crash ?? null;
  const verdict: FileVerdict = {
    id: extract.id,
    name: extract.name,
    kind: extract.kind,
    key: extract.key,
    fileFaults: extract.fileFaults,
    expected: expected.outcome,
    expectedFamily: expected.outcome === 'rejected' ? expected.family : null,
    actual: observed.status,
    actualReason: observed.status === 'rejected' ? `${observed.reason}: ${observed.message}` : null,
    crash,
    rejection: null,
    validIn: expected.outcome === 'accepted' ? expected.validRows.length : 0,
    validKept: 0,
    validLost: 0,
    validLostSilently: 0,
    validLostWithoutTrace: 0,
    validQuarantined: 0,
    badIn: expected.outcome === 'accepted' ? expected.badRows.length : 0,
    badQuarantined: 0,
    badQuarantinedWithoutReason: 0,
    badMissing: 0,
    unexpectedClean: 0,
    misplacedQuarantine: 0,
    acceptedFromRejectedFile: 0,
    causes,
    examples,
  };
  if (crash) cause(`crash (${crash.phase}): ${crash.message.split('\n')[0]?.slice(0, 120)}`, 1, extract.name);

  if (expected.outcome === 'rejected') {
    if (observed.status === 'rejected') {
      const ok = matchesRejectionFamily(expected.family, observed.reason, observed.message);
      verdict.rejection = ok ? 'as-expected' : 'wrong-reason';
      if (!ok) cause(`${expected.family} file rejected without saying so (reason ${observed.reason})`, 1, observed.message.slice(0, 200));
    } else if (observed.status === 'accepted') {
      verdict.rejection = 'not-rejected';
      verdict.acceptedFromRejectedFile = observed.clean.length;
      cause(`${expected.family} file accepted instead of rejected`, 1, `${observed.clean.length} rows accepted, ${observed.quarantine.length} quarantined`);
    }
    return verdict;
  }

  if (observed.status !== 'accepted') {
    verdict.validLost = verdict.validIn;
    verdict.badMissing = verdict.badIn;
    if (observed.status === 'rejected') {
      verdict.rejection = 'unexpected';
      cause(`usable file rejected (${observed.reason}) [${extract.fileFaults.join(', ') || 'row faults only'}]`, 1, observed.message.slice(0, 200));
      cause(`valid rows lost: file rejected (${observed.reason})`, verdict.validIn);
    } else {
      cause('valid rows lost: the ingest crashed', verdict.validIn);
    }
    return verdict;
  }

  // Valid rows: multiset match of canonical values against the clean output.
  const keyOf = (customerId: string | null, orderDate: string | null | undefined, orderId: string | null | undefined) =>
    extract.kind === 'orders' ? `${customerId}\u0000${orderDate ?? ''}\u0000${orderId ?? ''}` : `${customerId}`;
  const buckets = new Map<string, ExpectedValidRow[]>();
  for (const row of expected.validRows) {
    const key = keyOf(row.customerId, row.orderDate, row.orderId);
    buckets.set(key, [...(buckets.get(key) ?? []), row]);
  }
  const unexpected: CleanRow[] = [];
  for (const row of observed.clean) {
    const candidates = buckets.get(keyOf(row.customerId, row.orderDate, extract.kind === 'orders' ? row.orderId : null));
    const at = candidates?.findIndex((c) => extract.kind !== 'orders' || close(c.amount, row.amount)) ?? -1;
    if (candidates && at >= 0) {
      candidates.splice(at, 1);
      verdict.validKept += 1;
    } else unexpected.push(row);
  }
  const lost = [...buckets.values()].flat().sort((a, b) => a.rowNumber - b.rowNumber);
  const quarantineByRow = new Map<number, QuarantineRow[]>();
  for (const q of observed.quarantine) if (q.rowNumber !== null) quarantineByRow.set(q.rowNumber, [...(quarantineByRow.get(q.rowNumber) ?? []), q]);
  verdict.validLost = lost.length;
  verdict.validLostSilently = observed.crash ? 0 : lost.length;
  const lostNumbers = new Set<number>();
  for (const row of lost) {
    lostNumbers.add(row.rowNumber);
    const quarantined = quarantineByRow.get(row.rowNumber)?.find((q) => q.reason.trim() !== '');
    if (quarantined) {
      verdict.validQuarantined += 1;
      cause(`valid ${describeTraits(row)} row quarantined as "${reasonKind(quarantined.reason)}"`, 1, `row ${row.rowNumber} ${preview({ id: row.customerId.slice(0, 40), date: row.orderDate, amount: row.amount })} -> ${quarantined.reason.slice(0, 100)}`);
    } else {
      verdict.validLostWithoutTrace += 1;
      const altered = unexpected.some((u) => u.customerId === row.customerId) || unexpected.length > 0;
      cause(`valid ${describeTraits(row)} row missing from clean and quarantine${altered ? ' (clean holds unmatched rows: altered values?)' : ''}`, 1, `row ${row.rowNumber} ${preview({ id: row.customerId.slice(0, 40), date: row.orderDate, amount: row.amount, orderId: row.orderId })}`);
    }
  }
  verdict.unexpectedClean = unexpected.length;
  if (unexpected.length > 0) cause('clean rows that match no valid row (leaked bad rows or altered values)', unexpected.length, unexpected.slice(0, 3).map((u) => preview({ ...u, customerId: u.customerId?.slice(0, 40) })).join(' | '));

  // Bad rows: each must be in the quarantine at its own row number with a reason.
  const badNumbers = new Set<number>();
  for (const bad of expected.badRows) {
    badNumbers.add(bad.rowNumber);
    const entries = quarantineByRow.get(bad.rowNumber) ?? [];
    if (entries.some((q) => q.reason.trim() !== '')) verdict.badQuarantined += 1;
    else if (entries.length > 0) {
      verdict.badQuarantinedWithoutReason += 1;
      cause(`bad ${bad.fault} row quarantined without a reason`, 1, `row ${bad.rowNumber}`);
    } else {
      verdict.badMissing += 1;
      cause(`bad ${bad.fault} row not in the quarantine`, 1, `row ${bad.rowNumber}`);
    }
  }
  const misplaced = observed.quarantine.filter((q) => q.rowNumber === null || (!badNumbers.has(q.rowNumber) && !lostNumbers.has(q.rowNumber)));
  verdict.misplacedQuarantine = misplaced.length;
  if (misplaced.length > 0) cause('quarantine rows at no bad row\'s number (numbering off?)', misplaced.length, misplaced.slice(0, 3).map((q) => `${q.rowNumber}: ${q.reason.slice(0, 80)}`).join(' | '));
  return verdict;
}

export interface HostileTotals {
  files: number;
  crashes: number;
  crashesDuringIngest: number;
  validIn: number;
  validKept: number;
  validLost: number;
  validLostSilently: number;
  validLostWithoutTrace: number;
  validLostInRejectedFiles: number;
  validLostInCrashes: number;
  badIn: number;
  badQuarantined: number;
  unexpectedClean: number;
  misplacedQuarantine: number;
  rejectionsExpected: number;
  rejectedAsExpected: number;
  rejectedWithWrongReason: number;
  notRejected: number;
  rejectedUnexpectedly: number;
}

export function totalsOf(verdicts: FileVerdict[]): HostileTotals {
  const sum = (f: (v: FileVerdict) => number) => verdicts.reduce((n, v) => n + f(v), 0);
  return {
    files: verdicts.length,
    crashes: sum((v) => (v.crash ? 1 : 0)),
    crashesDuringIngest: sum((v) => (v.crash?.phase === 'ingest' ? 1 : 0)),
    validIn: sum((v) => v.validIn),
    validKept: sum((v) => v.validKept),
    validLost: sum((v) => v.validLost),
    validLostSilently: sum((v) => v.validLostSilently),
    validLostWithoutTrace: sum((v) => v.validLostWithoutTrace),
    validLostInRejectedFiles: sum((v) => (v.rejection === 'unexpected' ? v.validLost : 0)),
    validLostInCrashes: sum((v) => (v.actual === 'crashed' ? v.validLost : 0)),
    badIn: sum((v) => v.badIn),
    badQuarantined: sum((v) => v.badQuarantined),
    unexpectedClean: sum((v) => v.unexpectedClean),
    misplacedQuarantine: sum((v) => v.misplacedQuarantine),
    rejectionsExpected: sum((v) => (v.expected === 'rejected' ? 1 : 0)),
    rejectedAsExpected: sum((v) => (v.rejection === 'as-expected' ? 1 : 0)),
    rejectedWithWrongReason: sum((v) => (v.rejection === 'wrong-reason' ? 1 : 0)),
    notRejected: sum((v) => (v.rejection === 'not-rejected' ? 1 : 0)),
    rejectedUnexpectedly: sum((v) => (v.rejection === 'unexpected' ? 1 : 0)),
  };
}

/** Causes summed over files, largest first, with the files each one hit. */
export function causesOf(verdicts: FileVerdict[]): Array<{ cause: string; count: number; files: string[] }> {
  const byCause = new Map<string, { count: number; files: string[] }>();
  for (const v of verdicts) {
    for (const [name, count] of Object.entries(v.causes)) {
      const entry = byCause.get(name) ?? { count: 0, files: [] };
      entry.count += count;
      entry.files.push(v.id);
      byCause.set(name, entry);
    }
  }
  return [...byCause].map(([cause, e]) => ({ cause, ...e })).sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
}
