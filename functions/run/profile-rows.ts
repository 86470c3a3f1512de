import { sqlIdentifier, sqlString, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import { consentSql, declaredColumnSql } from '../../models/extracts/declared-columns.js';
import type { CustomerScore } from '../../models/scoring/index.js';
import {
  planSegmentation,
  profileColumnsRead,
  segmentationScoreOf,
  type ProfileColumnRef,
  type SegmentationScore,
  type SegmentationSettings,
} from '../../models/segmentation/index.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { RunStateError } from './errors.js';
import { downloadFiles, downloadScores, readScoreFiles } from './scores-file.js';

/** Shards' files: their scores (ScoreShard) and their customers' profiles (Prepare, the same buckets). */
export interface SegmentationSources {
  scoresKeys: readonly string[];
  customersKeys: readonly string[];
}

/** The scores of shards and the same customers as segmentation reads them (the score row with the profile columns rules read). */
export interface SegmentationRows {
  scores: CustomerScore[];
  rows: SegmentationScore[];
}

/**
 * Reads shards' scores for segmenting: each customer's score row, joined with the profile columns
 * the settings' rules read (profileColumnsRead: `country`, a declared extra column...) from the
 * shards' customers files, which Prepare partitioned by the same buckets. Only those columns are
 * read, typed in DuckDB (a declared column as profile.columns says, declaredColumnSql), so a
 * configuration without profile rules costs nothing more. A customer with no row in the customers
 * extract has the columns missing.
 */
export async function readSegmentationRows(
  store: S3ObjectStore,
  db: DuckDbSession,
  dir: string,
  sources: SegmentationSources,
  settings: SegmentationSettings | undefined,
): Promise<SegmentationRows> {
  const scoresFiles = await downloadScores(store, dir, sources.scoresKeys);
  const scores = await readScoreFiles(db, scoresFiles);
  const columns = profileColumnsRead(planSegmentation(settings));
  if (columns.length > 0 && scores.length > 0) {
    const customersFiles = await downloadFiles(store, dir, sources.customersKeys, 'profiles');
    await joinProfileColumns(db, scores, scoresFiles, customersFiles, columns, settings?.profile?.consentDefault ?? 'denied');
  }
  return { scores, rows: scores.map(segmentationScoreOf) };
}

const parquet = (files: readonly string[]) => `read_parquet([${files.map(sqlString).join(', ')}], union_by_name = true)`;

/** Adds each column to every score row (the row rules read), under the column's name, in the scores' customer id order. */
async function joinProfileColumns(
  db: DuckDbSession,
  scores: CustomerScore[],
  scoresFiles: readonly string[],
  customersFiles: readonly string[],
  columns: readonly ProfileColumnRef[],
  consentDefault: 'granted' | 'denied',
): Promise<void> {
  const profiles = customersFiles.length > 0 ? parquet(customersFiles) : `(SELECT NULL::VARCHAR AS customer_id WHERE false)`;
  const present = new Set((await db.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${profiles}`)).map((c) => c.column_name));
  const select = columns.map((column, i) => `${valueSql(column, present, consentDefault)} AS c${i}`);
  const result = await db.columnar(`SELECT s.customerId, ${select.join(', ')}
    FROM (SELECT customerId FROM ${parquet(scoresFiles)}) s
    LEFT JOIN (SELECT * FROM ${profiles} QUALIFY row_number() OVER (PARTITION BY customer_id) = 1) c ON c.customer_id = s.customerId
    ORDER BY s.customerId`);
  const ids = result.texts('customerId');
  if (result.rowCount !== scores.length || scores.some((score, i) => score.customerId !== ids[i])) {
    throw new RunStateError(`The profile columns of ${result.rowCount} customers do not line up with ${scores.length} score rows.`);
  }
  columns.forEach((column, i) => {
    const values = column.type === 'category' || column.type === 'date' ? result.texts(`c${i}`) : result.numbers(`c${i}`);
    const read = column.type === 'boolean' ? (v: unknown) => (Number.isNaN(v) ? null : v === 1) : column.type === 'number' ? (v: unknown) => (Number.isNaN(v) ? null : v) : (v: unknown) => v;
    for (let k = 0; k < scores.length; k++) (scores[k] as Record<string, unknown>)[column.column] = read(values[k]);
  });
}

/** The column typed as rules compare it: text, `YYYY-MM-DD`, a number, or a boolean as 1 / 0. */
function valueSql(column: ProfileColumnRef, present: ReadonlySet<string>, consentDefault: 'granted' | 'denied'): string {
  if (column.column === 'marketing_consent' && !column.declared) {
    return present.has(column.column) ? `CAST(${consentSql(consentDefault, 'c')} AS DOUBLE)` : `CAST(${consentDefault === 'granted'} AS DOUBLE)`;
  }
  if (!present.has(column.column)) return column.type === 'category' || column.type === 'date' ? 'NULL::VARCHAR' : 'NULL::DOUBLE';
  const typed = column.declared ? declaredColumnSql({ name: column.column, type: column.type }, 'c') : `c.${sqlIdentifier(column.column)}`;
  switch (column.type) {
    case 'category':
      return `CAST(${typed} AS VARCHAR)`;
    case 'date':
      return `strftime(CAST(${typed} AS DATE), '%Y-%m-%d')`;
    default:
      return `CAST(${typed} AS DOUBLE)`;
  }
}
