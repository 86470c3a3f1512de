import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import type { ExtractFormat } from './detect-format.js';
import { ExtractRejectedError } from './extract-rejected-error.js';

/**
 * Loads an extract as text into `raw_extract(src_row, <file columns>...)` and records the records
 * DuckDB could not split into columns in `raw_rejects(src_row, reason, raw_line)`.
 *
 * `src_row` is the 1-based position of the record in the file, header excluded; it equals
 * line - 1 unless quoted fields span several lines.
 */
export async function loadRawExtract(db: DuckDbSession, path: string, format: ExtractFormat): Promise<string[]> {
  try {
    if (format === 'parquet') await loadParquet(db, path);
    else await loadCsv(db, path);
  } catch (error) {
    if (error instanceof ExtractRejectedError) throw error;
    throw new ExtractRejectedError('unreadable-file', `The file could not be read as ${format}: ${firstLine(error)}`, {}, {
      cause: error,
    });
  }
  const columns = await db.rows<{ column_name: string }>(
    `SELECT column_name FROM (DESCRIBE raw_extract) WHERE column_name <> 'src_row'`,
  );
  return columns.map((c) => c.column_name);
}

async function loadParquet(db: DuckDbSession, path: string): Promise<void> {
  await db.run(`CREATE TABLE raw_extract AS
    SELECT CAST(file_row_number + 1 AS BIGINT) AS src_row, COLUMNS(* EXCLUDE (file_row_number))::VARCHAR
    FROM read_parquet(${sqlString(path)}, file_row_number = true)`);
  await db.run(`CREATE TABLE raw_rejects (src_row BIGINT, reason VARCHAR, raw_line VARCHAR)`);
}

async function loadCsv(db: DuckDbSession, path: string): Promise<void> {
  await db.run(`CREATE TABLE raw_read AS SELECT * FROM read_csv(${sqlString(path)},
    all_varchar = true, header = true, store_rejects = true,
    rejects_table = 'csv_reject_errors', rejects_scan = 'csv_reject_scans')`);
  await db.run(`CREATE TABLE raw_rejects AS
    SELECT CAST(line - 1 AS BIGINT) AS src_row,
           'malformed CSV record: ' || string_agg(DISTINCT error_message, '; ') AS reason,
           any_value(csv_line) AS raw_line
    FROM csv_reject_errors GROUP BY line`);
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
}

const firstLine = (error: unknown): string => String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
