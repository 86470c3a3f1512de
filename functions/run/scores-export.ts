import path from 'node:path';
import { spreadsheetSafeSql } from '../../models/csv/index.js';
import { sqlString, writeRowsToParquet, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { RunStateError } from './errors.js';
import { column, SCORE_FIELDS } from './scores-file.js';

export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The run whose scores are exported: its day, model, and each shard's scores and memberships files. */
export interface ScoresExportSource {
  runId: string;
  asOf: string;
  modelVersion: string;
  scoresKeys: readonly string[];
  /** Written by WriteShard: every customer of the shard with the segments it was given. */
  membershipsKeys: readonly string[];
}

/** A run's shard files downloaded into a workspace. */
export interface RunFilesInWorkspace {
  source: ScoresExportSource;
  scoresFiles: string[];
  membershipsFiles: string[];
}

/** Downloads a run's scores and memberships files; a missing one is a RunStateError naming it. */
export async function downloadRunFiles(store: S3ObjectStore, dir: string, source: ScoresExportSource): Promise<RunFilesInWorkspace> {
  if (source.scoresKeys.length === 0) throw new RunStateError(`Run ${source.runId} scored no customers.`);
  const fetch = (keys: readonly string[], stem: string) =>
    Promise.all(
      keys.map(async (key, i) => {
        const file = path.join(dir, `${stem}-${i}.parquet`);
        try {
          await store.download(key, file);
        } catch (error) {
          throw new RunStateError(`Run ${source.runId}: ${key} cannot be read (${(error as Error).name}).`, { cause: error });
        }
        return file;
      }),
    );
  const [scoresFiles, membershipsFiles] = await Promise.all([fetch(source.scoresKeys, 'scores'), fetch(source.membershipsKeys, 'memberships')]);
  return { source, scoresFiles, membershipsFiles };
}

/** Writes one shard's memberships (customerId, segments) to a Parquet file in customer id order. */
export async function writeMembershipsParquet(db: DuckDbSession, memberships: ReadonlyMap<string, readonly string[]>, file: string): Promise<void> {
  // Segment ids are slugs: the unit separator never occurs in one.
  await writeRowsToParquet(db, {
    staging: 'memberships_to_write',
    columns: 'customerId VARCHAR, segments VARCHAR',
    rows: (function* () {
      for (const [customerId, segments] of memberships) yield [customerId, segments.join('\u001f')];
    })(),
    select: `customerId, CASE WHEN segments = '' THEN []::VARCHAR[] ELSE string_split(segments, chr(31)) END AS segments`,
    orderBy: 'customerId',
    file,
  });
}

const parquetList = (files: readonly string[]) => `read_parquet([${files.map(sqlString).join(', ')}])`;

/** The customers of the run's memberships files who are in any of `segments`. */
export async function membersOfAny(db: DuckDbSession, run: RunFilesInWorkspace, segments: readonly string[]): Promise<Set<string>> {
  if (run.membershipsFiles.length === 0 || segments.length === 0) return new Set();
  const wanted = `[${segments.map(sqlString).join(', ')}]::VARCHAR[]`;
  const result = await db.columnar(`SELECT customerId FROM ${parquetList(run.membershipsFiles)} WHERE list_has_any(segments, ${wanted})`);
  return new Set(Array.from(result.texts('customerId'), String));
}

/**
 * Writes every customer's scores and segments of a run to `file` with DuckDB's COPY, from the
 * shards' files alone: the CustomerScore fields under their own names, then `segments` (a list in
 * Parquet, `;`-separated in CSV), `asOf`, `runId` and `modelVersion`, in customer id order. It
 * holds exactly the run's state, even where the table kept an earlier run's item within
 * tolerance. CSV cells are spreadsheet-safe (models/csv). Returns the number of customers (one row each).
 */
export async function writeScoresExport(db: DuckDbSession, run: RunFilesInWorkspace, file: string, format: ExportFormat): Promise<number> {
  const csv = format === 'csv';
  const fields = SCORE_FIELDS.map((field) => (csv && field === 'customerId' ? `${spreadsheetSafeSql('s.customerId')} AS customerId` : `s.${column(field)}`));
  const segments = csv ? `array_to_string(m.segments, ';')` : 'm.segments';
  const { source } = run;
  const select = [
    ...fields,
    `COALESCE(${segments}, ${csv ? "''" : '[]::VARCHAR[]'}) AS segments`,
    `${sqlString(source.asOf)}::DATE AS asOf`,
    `${sqlString(source.runId)} AS runId`,
    `${sqlString(source.modelVersion)} AS modelVersion`,
  ];
  const memberships = run.membershipsFiles.length > 0 ? parquetList(run.membershipsFiles) : `(SELECT NULL::VARCHAR AS customerId, NULL::VARCHAR[] AS segments WHERE false)`;
  const options = csv ? 'FORMAT csv, HEADER true' : 'FORMAT parquet, COMPRESSION zstd';
  await db.run(`COPY (
      SELECT ${select.join(', ')}
      FROM ${parquetList(run.scoresFiles)} s
      LEFT JOIN ${memberships} m ON m.customerId = s.customerId
      ORDER BY s.customerId
    ) TO ${sqlString(file)} (${options})`);
  return Number((await db.columnar(`SELECT count(*)::DOUBLE AS n FROM ${parquetList(run.scoresFiles)}`)).numbers('n')[0]);
}
