import path from 'node:path';
import { sqlString, writeRowsToParquet, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import type { CustomerScore } from '../../models/scoring/index.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';

/** The columns of a shard's scores file: every CustomerScore field under its own name, with its DuckDB type. */
export const SCORE_COLUMNS: Readonly<Record<keyof CustomerScore, string>> = {
  customerId: 'VARCHAR',
  horizonDays: 'INTEGER',
  churnProbability: 'DOUBLE',
  probabilityAlive: 'DOUBLE',
  expectedOrders: 'DOUBLE',
  expectedOrderValue: 'DOUBLE',
  predictedSpend: 'DOUBLE',
  predictedSpendLow: 'DOUBLE',
  predictedSpendHigh: 'DOUBLE',
  predictedClv: 'DOUBLE',
  clvHorizonDays: 'INTEGER',
  annualDiscountRate: 'DOUBLE',
  historicClv: 'DOUBLE',
  totalClv: 'DOUBLE',
  averageDaysBetweenOrders: 'DOUBLE',
  expectedNextOrderDate: 'DATE',
  frequency: 'INTEGER',
  recency: 'INTEGER',
  T: 'INTEGER',
  monetaryValue: 'DOUBLE',
  firstOrderDate: 'DATE',
  lastOrderDate: 'DATE',
};

export const SCORE_FIELDS = Object.keys(SCORE_COLUMNS) as (keyof CustomerScore)[];
/** `"name"`, quoted: DuckDB folds unquoted identifiers, and T must stay T. */
export const column = (name: string): string => `"${name}"`;

const cellOf = (value: unknown): string | number | null =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * Writes scores to a Parquet file in customer id order: appended as text and doubles (DuckDB's
 * appender), then cast to each field's type on the way out.
 */
export async function writeScoresParquet(db: DuckDbSession, scores: readonly CustomerScore[], file: string): Promise<void> {
  const isText = (field: keyof CustomerScore) => SCORE_COLUMNS[field] === 'VARCHAR' || SCORE_COLUMNS[field] === 'DATE';
  await writeRowsToParquet(db, {
    staging: 'scores_to_write',
    columns: SCORE_FIELDS.map((field) => `${column(field)} ${isText(field) ? 'VARCHAR' : 'DOUBLE'}`).join(', '),
    rows: (function* () {
      // A value that is not a finite number is stored as NULL (as JSON had it).
      for (const score of scores) yield SCORE_FIELDS.map((field) => cellOf(score[field]));
    })(),
    select: SCORE_FIELDS.map((field) => `CAST(${column(field)} AS ${SCORE_COLUMNS[field]}) AS ${column(field)}`).join(', '),
    orderBy: 'customerId',
    file,
  });
}

/** Downloads objects into `dir` as `<stem>-<i>.parquet`, in parallel; their local paths, in the keys' order. */
export async function downloadFiles(store: Pick<S3ObjectStore, 'download'>, dir: string, keys: readonly string[], stem: string): Promise<string[]> {
  return Promise.all(
    keys.map(async (key, i) => {
      const file = path.join(dir, `${stem}-${i}.parquet`);
      await store.download(key, file);
      return file;
    }),
  );
}

/** Downloads scores files (one shard's or all) into `dir`; their local paths. */
export const downloadScores = (store: S3ObjectStore, dir: string, keys: readonly string[]): Promise<string[]> => downloadFiles(store, dir, keys, 'scores');

/** Reads scores files (one shard's or all) from the bucket as CustomerScore rows in customer id order. */
export async function readScores(store: S3ObjectStore, db: DuckDbSession, dir: string, keys: readonly string[]): Promise<CustomerScore[]> {
  return readScoreFiles(db, await downloadScores(store, dir, keys));
}

/** Reads local scores files as CustomerScore rows in customer id order. */
export async function readScoreFiles(db: DuckDbSession, files: readonly string[]): Promise<CustomerScore[]> {
  if (files.length === 0) return [];
  const dates = new Set(SCORE_FIELDS.filter((field) => SCORE_COLUMNS[field] === 'DATE'));
  const select = SCORE_FIELDS.map((field) =>
    dates.has(field) ? `strftime(${column(field)}, '%Y-%m-%d') AS ${column(field)}` : SCORE_COLUMNS[field] === 'VARCHAR' ? column(field) : `CAST(${column(field)} AS DOUBLE) AS ${column(field)}`,
  );
  const result = await db.columnar(`SELECT ${select.join(', ')} FROM read_parquet([${files.map(sqlString).join(', ')}]) ORDER BY customerId`);
  const read = Object.fromEntries(
    SCORE_FIELDS.map((field) => [field, SCORE_COLUMNS[field] === 'VARCHAR' || dates.has(field) ? result.texts(field) : result.numbers(field)]),
  ) as unknown as Record<keyof CustomerScore, ArrayLike<string | number | null>>;
  return Array.from({ length: result.rowCount }, (_, i) => {
    const score: Record<string, unknown> = {};
    for (const field of SCORE_FIELDS) score[field] = read[field][i];
    if (Number.isNaN(score.averageDaysBetweenOrders)) score.averageDaysBetweenOrders = null;
    return score as unknown as CustomerScore;
  });
}
