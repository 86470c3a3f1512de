import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { spreadsheetSafeSql } from '../csv/index.js';
import { sqlIdentifier, sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { chooseDateFormat } from './choose-date-format.js';
import { decodeUpload, fingerprintFile, type DecodingReport } from './decode-upload.js';
import type { ExtractFormat } from './detect-format.js';
import { assertUnambiguous, type DuplicateHeader } from './duplicate-headers.js';
import { ExtractRejectedError } from './extract-rejected-error.js';
import { extraColumnsOf, type ExtraColumn } from './extra-columns.js';
import type { ExtractSchema } from './extract-schemas.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './ingest-limits.js';
import { dropRawExtract, loadRawExtract, type RawExtract } from './load-raw-extract.js';
import { resolveColumns, type ColumnMapping } from './resolve-columns.js';
import { buildCheckedTableSql } from './row-rules.js';

export interface ValidateExtractInput {
  inputPath: string;
  format: ExtractFormat;
  schema: ExtractSchema;
  /** Where the accepted rows go, as Parquet with the canonical columns (one of this and `cleanTable` at least). */
  cleanPath?: string;
  /**
   * A table of this session to keep the accepted rows in, canonical columns in no fixed order,
   * for a caller that reads them at once (a backtest): no Parquet written and read back.
   */
  cleanTable?: string;
  /**
   * A condition on the canonical columns that the rows copied to `cleanTable` meet (the other
   * accepted rows are counted as accepted but not kept there): a caller that needs only some
   * rows copies no more than those.
   */
  cleanTableWhere?: string;
  /** Where rejected rows go, as CSV: src_row, reason, then the record as it was. */
  quarantinePath: string;
  mapping?: ColumnMapping;
  /** Bounds on amounts, ids and dates; DEFAULT_INGEST_LIMITS when absent. */
  limits?: IngestLimits;
  /**
   * Folder for the decoded copy of a CSV upload (a fresh subfolder is made and removed);
   * default: the folder of `cleanPath`, else of `quarantinePath`.
   */
  workDir?: string;
  /** The upload's name as its sender knows it, for messages; default: the base name of `inputPath`. */
  fileName?: string;
  /**
   * People who asked to be forgotten: rows whose `idColumn` hashes (sha256 of `idPrefix` + id) to
   * one of `hashes` are dropped before any output, counted as `rowsSuppressed`, never quarantined.
   */
  suppressed?: SuppressedIds;
}

export interface SuppressedIds {
  idColumn: string;
  idPrefix: string;
  hashes: ReadonlySet<string>;
}

export interface ExtractReport {
  kind: ExtractSchema['kind'];
  format: ExtractFormat;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  /** Rows of people on the suppression list, dropped (present when the list was checked). */
  rowsSuppressed?: number;
  quarantineReasons: Record<string, number>;
  columnMapping: ColumnMapping;
  amountFrom?: 'quantity x unit price';
  /** Orders only: accepted returns (negative amounts, of which `cancellationIds` by their order id) and free orders. */
  amounts?: { returns: number; cancellationIds: number; zero: number };
  /** Orders only: the first and last order day among the accepted rows. */
  orderDays?: { first: string; last: string };
  dateFormats: Record<string, string>;
  decoding: DecodingReport;
  /** Header names used by several columns; a schema column is never read from one unless mapped explicitly. */
  duplicateHeaders?: DuplicateHeader[];
  /** Profiles only: the file's other columns, kept as text under these names (usable once declared in `profile.columns`). */
  extraColumns?: ExtraColumn[];
}

/**
 * Checks an extract row by row. Accepted rows are written to `cleanPath`; rejected rows, with
 * their position in the file and the reason, to `quarantinePath`. A file that cannot be used
 * at all raises ExtractRejectedError.
 */
export async function validateExtract(db: DuckDbSession, input: ValidateExtractInput): Promise<ExtractReport> {
  if (input.cleanPath === undefined && input.cleanTable === undefined) {
    throw new TypeError('validateExtract: give cleanPath, cleanTable or both, or the accepted rows go nowhere');
  }
  try {
    return await checkExtract(db, input);
  } finally {
    // The session often goes on (a backtest fits on it): the working copies would hold the file's size in memory.
    await dropRawExtract(db);
    await db.run(WORKING_TABLES.map((table) => `DROP TABLE IF EXISTS ${table};`).join(' '));
  }
}

const WORKING_TABLES = ['checked', 'raw_rejects', 'oversized_records', 'suppressed_ids'];

async function checkExtract(db: DuckDbSession, input: ValidateExtractInput): Promise<ExtractReport> {
  const { raw, decoding } = await readUpload(db, input);
  const rawColumns = raw.columns;
  const [{ records } = { records: 0 }] = await db.rows<{ records: number }>(
    `SELECT CAST((SELECT count(*) FROM raw_extract) + (SELECT count(*) FROM raw_rejects) AS INTEGER) AS records`,
  );
  if (records === 0) throw new ExtractRejectedError('empty-file', 'The file has a header but no data rows.', { rawColumns });
  const resolved = resolveColumns(rawColumns, input.schema, input.mapping);
  assertUnambiguous(raw.duplicateHeaders, resolved, input.mapping);
  const dateFormats: Record<string, string> = {};
  for (const spec of input.schema.columns.filter((c) => c.type === 'date')) {
    const header = resolved.mapping[spec.name];
    if (header) dateFormats[spec.name] = await chooseDateFormat(db, header);
  }
  const extras = extraColumnsOf(rawColumns, input.schema, resolved);
  await db.run(buildCheckedTableSql(input.schema, resolved, raw, dateFormats, input.limits ?? DEFAULT_INGEST_LIMITS, extras));
  const rowsSuppressed = input.suppressed ? await dropSuppressed(db, input.suppressed) : undefined;
  const reasons = await countReasons(db);
  const rowsQuarantined = Object.values(reasons).reduce((a, b) => a + b, 0);
  // Read before the outputs are written: the session's clean table may be `checked` itself, renamed.
  const orders = input.schema.columns.some((c) => c.name === 'amount') ? { amounts: await countAmounts(db), orderDays: await orderDays(db) } : {};
  await writeOutputs(db, input, rowsQuarantined, extras);
  const report: ExtractReport = {
    kind: input.schema.kind,
    format: input.format,
    rowsRead: records,
    rowsAccepted: records - rowsQuarantined - (rowsSuppressed ?? 0),
    rowsQuarantined,
    ...(rowsSuppressed !== undefined ? { rowsSuppressed } : {}),
    quarantineReasons: reasons,
    columnMapping: resolved.mapping,
    dateFormats,
    ...(resolved.lineItems ? { amountFrom: 'quantity x unit price' as const } : {}),
    ...orders,
    decoding: { ...decoding, delimiter: raw.delimiter },
    ...(raw.duplicateHeaders.length > 0 ? { duplicateHeaders: raw.duplicateHeaders } : {}),
    ...(extras.length > 0 ? { extraColumns: extras } : {}),
  };
  if (report.rowsAccepted === 0) {
    const fileName = input.fileName ?? path.basename(input.inputPath);
    const commonest = Object.entries(reasons).slice(0, 3).map(([reason, n]) => `${reason} (${n})`).join(', ');
    if (rowsQuarantined === 0 && rowsSuppressed) {
      throw new ExtractRejectedError('no-valid-rows', `Every one of the ${records} rows of ${fileName} belongs to people a deletion request forgot (the suppression list); nothing was kept.`, { report });
    }
    throw new ExtractRejectedError('no-valid-rows', `None of the ${records} rows of ${fileName} passed validation; the commonest reasons: ${commonest} (the report counts them all).`, { report });
  }
  return report;
}

/**
 * Parquet is read as it is; a CSV upload is decoded into a scratch folder first, which is
 * removed once DuckDB holds the rows. The upload itself is only read.
 */
async function readUpload(db: DuckDbSession, input: ValidateExtractInput): Promise<{ raw: RawExtract; decoding: DecodingReport }> {
  const fileName = input.fileName ?? path.basename(input.inputPath);
  if (input.format === 'parquet') {
    const raw = await loadRawExtract(db, { format: 'parquet', path: input.inputPath, fileName });
    const decoding = { compression: 'none', encoding: 'binary', delimiter: null, excelSepLine: false } as const;
    return { raw, decoding: { ...decoding, ...(await fingerprintFile(input.inputPath)) } };
  }
  const parent = input.workDir ?? path.dirname(input.cleanPath ?? input.quarantinePath);
  await mkdir(parent, { recursive: true });
  const workDir = await mkdtemp(path.join(parent, 'decode-'));
  try {
    const decoded = await decodeUpload({ inputPath: input.inputPath, fileName, workDir });
    const raw = await loadRawExtract(db, { format: 'csv', decoded, fileName });
    return { raw, decoding: decoded.decoding };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function orderDays(db: DuckDbSession): Promise<{ first: string; last: string }> {
  const [row] = await db.rows<{ first: string; last: string }>(`
    SELECT strftime(min(order_date), '%Y-%m-%d') AS first, strftime(max(order_date), '%Y-%m-%d') AS last FROM checked WHERE reason IS NULL`);
  return row ?? { first: '', last: '' };
}

async function countAmounts(db: DuckDbSession): Promise<NonNullable<ExtractReport['amounts']>> {
  const cancellation = (await db.rows(`SELECT 1 FROM (DESCRIBE checked) WHERE column_name = 'cancellation_id'`)).length > 0;
  const [row] = await db.rows<NonNullable<ExtractReport['amounts']>>(`
    SELECT CAST(count(*) FILTER (WHERE amount < 0) AS INTEGER) AS returns,
      CAST(${cancellation ? 'count(*) FILTER (WHERE cancellation_id)' : '0'} AS INTEGER) AS "cancellationIds",
      CAST(count(*) FILTER (WHERE amount = 0) AS INTEGER) AS zero
    FROM checked WHERE reason IS NULL`);
  return row ?? { returns: 0, cancellationIds: 0, zero: 0 };
}

/**
 * Drops the rows of suppressed people from the checked rows (whatever their verdict) and from the
 * records DuckDB could not split (when one of its cells is the id), and counts them.
 */
async function dropSuppressed(db: DuckDbSession, suppressed: SuppressedIds): Promise<number> {
  if (suppressed.hashes.size === 0) return 0;
  await db.run('CREATE OR REPLACE TABLE suppressed_ids (h VARCHAR)');
  const hashes = [...suppressed.hashes];
  for (let start = 0; start < hashes.length; start += 1000) {
    await db.run(`INSERT INTO suppressed_ids VALUES ${hashes.slice(start, start + 1000).map((h) => `(${sqlString(h)})`).join(', ')}`);
  }
  const prefix = sqlString(suppressed.idPrefix);
  const inChecked = `sha256(${prefix} || ${sqlIdentifier(suppressed.idColumn)}) IN (SELECT h FROM suppressed_ids)`;
  const inRejected = `list_has_any(list_transform(regexp_split_to_array(coalesce(raw_line, ''), '[,;\\t|]'), x -> sha256(${prefix} || trim(trim(x), '"'))), (SELECT list(h) FROM suppressed_ids))`;
  const [row] = await db.rows<{ n: number }>(`SELECT CAST((SELECT count(*) FROM checked WHERE ${inChecked}) + (SELECT count(*) FROM raw_rejects WHERE ${inRejected}) AS INTEGER) AS n`);
  await db.run(`DELETE FROM checked WHERE ${inChecked}; DELETE FROM raw_rejects WHERE ${inRejected};`);
  return row?.n ?? 0;
}

/** Groups reasons by their kind (the text before the quoted value) so the report stays short. */
async function countReasons(db: DuckDbSession): Promise<Record<string, number>> {
  const rows = await db.rows<{ kind: string; n: number }>(`
    WITH reasons AS (
      SELECT reason FROM checked WHERE reason IS NOT NULL
      UNION ALL SELECT reason FROM raw_rejects
    )
    SELECT regexp_replace(regexp_replace(reason, ' ".*$| -?[0-9.]+$| \\([0-9]+\\)$', ''), '^(duplicate of row|malformed CSV record).*$', '\\1') AS kind,
           CAST(count(*) AS INTEGER) AS n
    FROM reasons GROUP BY kind ORDER BY n DESC, kind`);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

async function writeOutputs(db: DuckDbSession, input: ValidateExtractInput, rowsQuarantined: number, extras: readonly ExtraColumn[]): Promise<void> {
  const canonical = [...input.schema.columns.map((c) => c.name), ...extras.map((e) => e.column)].map(sqlIdentifier).join(', ');
  if (rowsQuarantined > 0) await writeQuarantine(db, input);
  // The raw records have served (the quarantine quotes them): freed before the clean rows are
  // copied, so that the session never holds the file three times over (raw, checked, clean).
  await dropRawExtract(db);
  const accepted = `SELECT ${canonical} FROM checked WHERE reason IS NULL`;
  // The session's table in no fixed order (sorting a large file's rows cost a quarter of its
  // validation); the Parquet file in file order, the same rows in the same order in every run.
  const kept = input.cleanTableWhere === undefined ? '' : ` AND (${input.cleanTableWhere})`;
  if (input.cleanPath !== undefined) await db.run(`COPY (${accepted} ORDER BY src_row) TO ${sqlString(input.cleanPath)} (FORMAT parquet, COMPRESSION zstd)`);
  if (input.cleanTable === undefined) return;
  if (input.cleanPath !== undefined) {
    await db.run(`CREATE OR REPLACE TABLE ${sqlIdentifier(input.cleanTable)} AS ${accepted}${kept}`);
    return;
  }
  // Nothing else reads `checked`: it becomes the clean table, rid of the other rows and columns.
  // Copying the accepted rows cost about 0.9 s at ten million rows, deleting the few others far less.
  const columns = await db.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE checked)`);
  const keep = new Set([...input.schema.columns.map((c) => c.name), ...extras.map((e) => e.column)]);
  const dropped = columns.map((c) => c.column_name).filter((name) => !keep.has(name));
  await db.run(`DELETE FROM checked WHERE NOT (reason IS NULL${kept}); DROP TABLE IF EXISTS ${sqlIdentifier(input.cleanTable)}; ALTER TABLE checked RENAME TO ${sqlIdentifier(input.cleanTable)};`);
  for (const name of dropped) await db.run(`ALTER TABLE ${sqlIdentifier(input.cleanTable)} DROP COLUMN ${sqlIdentifier(name)}`);
}

async function writeQuarantine(db: DuckDbSession, input: ValidateExtractInput): Promise<void> {
  // Every text cell is escaped for spreadsheets, so the file's columns are listed one by one (`raw.*` cannot be wrapped).
  const rawColumns = await db.rows<{ column_name: string }>(
    `SELECT column_name FROM (DESCRIBE raw_extract) WHERE column_name <> 'src_row'`,
  );
  const rawCells = rawColumns
    .map(({ column_name }) => `, ${spreadsheetSafeSql(`CAST(raw.${sqlIdentifier(column_name)} AS VARCHAR)`)} AS ${sqlIdentifier(column_name)}`)
    .join('');
  await db.run(`COPY (
      SELECT c.src_row AS row_number, ${spreadsheetSafeSql('c.reason')} AS reason, NULL AS raw_line${rawCells}
      FROM checked c JOIN raw_extract raw USING (src_row) WHERE c.reason IS NOT NULL
      UNION ALL BY NAME
      SELECT src_row AS row_number, ${spreadsheetSafeSql('reason')} AS reason, ${spreadsheetSafeSql('raw_line')} AS raw_line FROM raw_rejects
      ORDER BY row_number
    ) TO ${sqlString(input.quarantinePath)} (FORMAT csv, HEADER true)`);
}
