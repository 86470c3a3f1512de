import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { spreadsheetSafeSql } from '../../models/csv/index.js';
import { sqlString, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import type { CustomerScore } from '../../models/scoring/index.js';
import { assignSegments, segmentationScoreOf, type PopulationStats } from '../../models/segmentation/index.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { RunStateError } from './errors.js';
import { column, downloadScores, readScoreFiles, SCORE_FIELDS } from './scores-file.js';

export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The run whose scores are exported: its day, model, shard scores files and population statistics. */
export interface ScoresExportSource {
  runId: string;
  asOf: string;
  modelVersion: string;
  scoresKeys: readonly string[];
  populationKey: string;
}

/** A run's scores downloaded into a workspace, with every customer's segments. */
export interface RunScores {
  source: ScoresExportSource;
  files: string[];
  scores: CustomerScore[];
  memberships: Map<string, string[]>;
}

/** Downloads a run's scores and assigns segments from its population statistics, as WriteShard does. */
export async function loadRunScores(store: S3ObjectStore, db: DuckDbSession, dir: string, source: ScoresExportSource): Promise<RunScores> {
  const bytes = await store.get(source.populationKey);
  if (!bytes) throw new RunStateError(`Run ${source.runId}: ${source.populationKey} is missing, so its segments cannot be assigned.`);
  if (source.scoresKeys.length === 0) throw new RunStateError(`Run ${source.runId} scored no customers.`);
  const population = JSON.parse(new TextDecoder().decode(bytes)) as PopulationStats;
  const files = await downloadScores(store, dir, source.scoresKeys);
  const scores = await readScoreFiles(db, files);
  const { memberships } = assignSegments(scores.map(segmentationScoreOf), { population });
  return { source, files, scores, memberships };
}

/**
 * Writes every customer's scores and segments of a run to `file` with DuckDB's COPY: the
 * CustomerScore fields under their own names, then `segments` (a list in Parquet, `;`-separated
 * in CSV), `asOf`, `runId` and `modelVersion`, in customer id order. It holds exactly the run's
 * state, even where the table kept an earlier run's item within tolerance. CSV cells are
 * spreadsheet-safe (models/csv).
 */
export async function writeScoresExport(db: DuckDbSession, dir: string, run: RunScores, file: string, format: ExportFormat): Promise<void> {
  const segmentsFile = path.join(dir, 'export-segments.ndjson');
  const out = createWriteStream(segmentsFile);
  for (const [customerId, segments] of run.memberships) {
    if (!out.write(`${JSON.stringify({ customerId, segments })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
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
  const options = csv ? 'FORMAT csv, HEADER true' : 'FORMAT parquet, COMPRESSION zstd';
  await db.run(`COPY (
      SELECT ${select.join(', ')}
      FROM read_parquet([${run.files.map(sqlString).join(', ')}]) s
      LEFT JOIN read_json(${sqlString(segmentsFile)}, format = 'newline_delimited', columns = {customerId: 'VARCHAR', segments: 'VARCHAR[]'}) m ON m.customerId = s.customerId
      ORDER BY s.customerId
    ) TO ${sqlString(file)} (${options})`);
}
