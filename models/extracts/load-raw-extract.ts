import { sqlIdentifier, sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import type { OversizedRecords } from './csv-normaliser.js';
import type { DecodedCsv } from './decode-upload.js';
import { likelyCsvProblem } from './diagnose-csv.js';
import { readHeader, type DuplicateHeader } from './duplicate-headers.js';
import { ExtractRejectedError } from './extract-rejected-error.js';

/** What DuckDB reads: a Parquet upload as it is, or a CSV upload once decoded. */
export type RawExtractSource =
  | { format: 'parquet'; path: string; fileName: string }
  | { format: 'csv'; decoded: DecodedCsv; fileName: string };

export interface RawExtract {
  columns: string[];
  duplicateHeaders: DuplicateHeader[];
  /** For CSV: the delimiter the columns were split on, when it can be told. */
  delimiter: string | null;
  /** Where the records are stored, for queries that find records by position rather than read them all. */
  rows: RawRows;
}

/**
 * The table holding the records and a column that orders them as the file does: `src_row` of
 * `raw_extract`, or, when `raw_extract` is a view numbering `raw_cells`, its `rowid` (src_row =
 * rowid + 1), which DuckDB fetches rows by far faster than by a computed number.
 */
export interface RawRows {
  table: string;
  key: string;
  /** src_row = key + offset. */
  offset: 0 | 1;
}

const NUMBERED_ROWS: RawRows = { table: 'raw_extract', key: 'src_row', offset: 0 };

/** The records as read, under the `raw_extract` view that numbers them (a CSV read without rejects). */
const RAW_CELLS = 'raw_cells';

/**
 * Drops what loadRawExtract made (`raw_extract` is a table or a view over `raw_cells`) and the
 * read's leftovers; for a session that goes on once the records have served.
 */
export async function dropRawExtract(db: DuckDbSession): Promise<void> {
  const views = await db.rows(`SELECT 1 FROM duckdb_views() WHERE view_name = 'raw_extract' AND NOT internal`);
  await db.run(`${views.length > 0 ? 'DROP VIEW raw_extract' : 'DROP TABLE IF EXISTS raw_extract'}; DROP TABLE IF EXISTS ${RAW_CELLS}; DROP TABLE IF EXISTS raw_read`);
}

/**
 * Loads an extract as text into `raw_extract(src_row, <file columns>...)` and records the records
 * DuckDB could not split into columns in `raw_rejects(src_row, reason, raw_line)`.
 *
 * `src_row` is the 1-based position of the record in the file, header excluded; blank lines are
 * not records (decoding drops them).
 */
export async function loadRawExtract(db: DuckDbSession, source: RawExtractSource): Promise<RawExtract> {
  const path = source.format === 'parquet' ? source.path : source.decoded.path;
  let rows = NUMBERED_ROWS;
  try {
    if (source.format === 'parquet') await loadParquet(db, path);
    else rows = await loadCsv(db, source.decoded, source.fileName);
  } catch (error) {
    if (error instanceof ExtractRejectedError) throw error;
    // The decoded copy is a file the user never saw; name the upload instead.
    const message = firstLine(error).replaceAll(path, source.fileName).replace(/\.?$/, '.');
    const cause = source.format === 'csv' ? ` ${await likelyCsvProblem(source.decoded).catch(() => '')}`.trimEnd() : '';
    throw new ExtractRejectedError('unreadable-file', `${source.fileName} could not be read as ${source.format}: ${message}${cause}`, {}, {
      cause: error,
    });
  }
  const described = await db.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE raw_extract) WHERE column_name <> 'src_row'`);
  const columns = described.map((c) => c.column_name);
  if (source.format === 'parquet') return { columns, duplicateHeaders: [], delimiter: null, rows };
  const decoded = source.decoded;
  if (decoded.oversized.records.length > 0 && columns[0]) await quarantineOversized(db, decoded.oversized, columns[0]);
  const sep = decoded.decoding.excelSepLine ? decoded.decoding.delimiter : null;
  const header = readHeader(decoded.header, columns, sep);
  return { columns, duplicateHeaders: header.duplicates, delimiter: header.delimiter, rows };
}

async function loadParquet(db: DuckDbSession, path: string): Promise<void> {
  await db.run(`CREATE TABLE raw_extract AS
    SELECT CAST(file_row_number + 1 AS BIGINT) AS src_row, COLUMNS(* EXCLUDE (file_row_number))::VARCHAR
    FROM read_parquet(${sqlString(path)}, file_row_number = true)`);
  await db.run(`CREATE TABLE raw_rejects (src_row BIGINT, reason VARCHAR, raw_line VARCHAR)`);
}

async function loadCsv(db: DuckDbSession, decoded: DecodedCsv, fileName: string): Promise<RawRows> {
  await readCsv(db, decoded, decoded.decoding.excelSepLine ? decoded.decoding.delimiter : null);
  if (!decoded.decoding.excelSepLine && decoded.decoding.delimiter && (await sniffedAnotherDialect(db))) {
    // With rejects stored, DuckDB's sniffer can settle on a dialect that splits no record (seen: a
    // quoted line break in a pipe-delimited file's first rows); the header's delimiter then reads.
    await db.run(`DROP TABLE raw_read; DROP TABLE csv_reject_errors; DROP TABLE csv_reject_scans`);
    await readCsv(db, decoded, decoded.decoding.delimiter);
  }
  await db.run(`CREATE TABLE raw_rejects AS
    SELECT CAST(line - 1 AS BIGINT) AS src_row,
           'malformed CSV record: ' || string_agg(DISTINCT error_message, '; ') AS reason,
           any_value(csv_line) AS raw_line
    FROM csv_reject_errors GROUP BY line`);
  const [rejects] = await db.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM raw_rejects`);
  const [read] = await db.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM raw_read`);
  if ((rejects?.n ?? 0) > 0 && (read?.n ?? 0) === 0) throw await noRecordSplit(decoded, fileName, rejects?.n ?? 0);
  if ((rejects?.n ?? 0) === 0 && decoded.oversized.records.length === 0) {
    // Nothing rejected: a record's position in the file is its position in the table, so the
    // records are numbered by a view (numbering them in place rewrote every row, a tenth of a
    // large file's validation; copying them into a new table cost three times that).
    await db.run(`ALTER TABLE raw_read RENAME TO ${RAW_CELLS}; CREATE VIEW raw_extract AS SELECT *, rowid + 1 AS src_row FROM ${RAW_CELLS}`);
    return { table: RAW_CELLS, key: 'rowid', offset: 1 };
  }
  if ((rejects?.n ?? 0) === 0) {
    // Over-long records are deleted from the table below: numbered in place.
    await db.run(`ALTER TABLE raw_read ADD COLUMN src_row BIGINT; UPDATE raw_read SET src_row = rowid + 1; ALTER TABLE raw_read RENAME TO raw_extract`);
    return NUMBERED_ROWS;
  }
  // Accepted records fill, in order, the positions the rejected ones do not occupy.
  await db.run(`CREATE TABLE raw_extract AS
    WITH good AS (SELECT rowid AS rid, * FROM raw_read),
    total AS (SELECT (SELECT count(*) FROM raw_read) + (SELECT count(*) FROM raw_rejects) AS n),
    free AS (
      SELECT p AS src_row, row_number() OVER (ORDER BY p) - 1 AS rid
      FROM range(1, (SELECT n FROM total) + 1) r(p)
      WHERE p NOT IN (SELECT src_row FROM raw_rejects)
    )
    SELECT CAST(free.src_row AS BIGINT) AS src_row, good.* EXCLUDE (rid)
    FROM good JOIN free USING (rid) ORDER BY src_row`);
  await db.run(`DROP TABLE raw_read`);
  return NUMBERED_ROWS;
}

async function readCsv(db: DuckDbSession, decoded: DecodedCsv, delimiter: string | null): Promise<void> {
  const delim = delimiter ? `, delim = ${sqlString(delimiter)}` : '';
  // Decoding replaced every record over the limit, so DuckDB's limit only needs headroom.
  await db.run(`CREATE TABLE raw_read AS SELECT * FROM read_csv(${sqlString(decoded.path)},
    all_varchar = true, header = true, store_rejects = true, max_line_size = ${2 * decoded.oversized.limitBytes}${delim},
    rejects_table = 'csv_reject_errors', rejects_scan = 'csv_reject_scans')`);
}

/** Every record rejected, and the columns named by DuckDB rather than by the header. */
async function sniffedAnotherDialect(db: DuckDbSession): Promise<boolean> {
  const [read] = await db.rows<{ rows: number; generic: boolean; rejects: number }>(`SELECT
    CAST((SELECT count(*) FROM raw_read) AS INTEGER) AS rows,
    (SELECT bool_and(regexp_full_match(column_name, 'column[0-9]+')) FROM (DESCRIBE raw_read)) AS generic,
    CAST((SELECT count(*) FROM csv_reject_errors) AS INTEGER) AS rejects`);
  return read !== undefined && read.rows === 0 && read.rejects > 0 && read.generic;
}

/**
 * Each over-long record reached DuckDB as a stand-in line starting with the marker: read as a
 * row, or rejected as malformed if DuckDB split it on another delimiter than decoding guessed.
 * Either way it becomes one quarantined row showing the start of the record.
 */
async function quarantineOversized(db: DuckDbSession, oversized: OversizedRecords, firstColumn: string): Promise<void> {
  const reason = sqlString(`record longer than ${oversized.limitBytes} bytes`);
  const index = (expr: string): string => `TRY_CAST(regexp_extract(${expr}, ${sqlString(`^${oversized.marker}-([0-9]+)`)}, 1) AS INTEGER)`;
  const values = oversized.records.map((r, k) => `(${k}, ${sqlString(`${r.rawPrefix} (${r.bytes} bytes)`)})`);
  await db.run(`CREATE TEMP TABLE oversized_records (k INTEGER, raw_line VARCHAR)`);
  for (let i = 0; i < values.length; i += 500) {
    await db.run(`INSERT INTO oversized_records VALUES ${values.slice(i, i + 500).join(', ')}`);
  }
  const first = sqlIdentifier(firstColumn);
  await db.run(`INSERT INTO raw_rejects
    SELECT r.src_row, ${reason}, o.raw_line FROM raw_extract r JOIN oversized_records o ON ${index(`r.${first}`)} = o.k`);
  await db.run(`DELETE FROM raw_extract WHERE starts_with(${first}, ${sqlString(oversized.marker)})`);
  await db.run(`UPDATE raw_rejects SET reason = ${reason}, raw_line = o.raw_line
    FROM oversized_records o WHERE ${index('raw_rejects.raw_line')} = o.k`);
  await db.run(`DROP TABLE oversized_records`);
}

/**
 * Not one record could be split into the header's columns: the file as a whole is unreadable, and
 * saying why (delimiter, quotes, encoding) helps more than quarantining every row of it.
 */
async function noRecordSplit(decoded: DecodedCsv, fileName: string, records: number): Promise<ExtractRejectedError> {
  const rows = records === 1 ? 'its one row' : `any of its ${records.toLocaleString('en-US')} rows`;
  return new ExtractRejectedError('unreadable-file', `${fileName} could not be read as csv: ${rows} could not be split into the header's columns. ${await likelyCsvProblem(decoded)}`, {
    records,
  });
}

const firstLine = (error: unknown): string => String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
