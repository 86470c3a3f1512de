import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { openDuckDb } from '../../../../models/duckdb/duckdb-session.js';
import type { RunReport } from '../../../../functions/run/publish-run.js';
import { runFiles } from '../../../../functions/run/run-files.js';
import { downloadRunFiles, writeScoresExport, type ExportFormat } from '../../../../functions/run/scores-export.js';
import { withWorkspace } from '../../../../functions/pipeline/workspace.js';
import { openLocalSession } from '../local-session.js';
import { firstRunHint, segmentsCommand } from '../segments-command.js';
import { asOutput, type OutputTarget } from '../output/command-output.js';

export class ExportError extends Error {
  override readonly name: string = 'ExportError';
}

/** No current run, or its files are missing: nothing to export (exit 3). */
export class ExportNotFoundError extends ExportError {
  override readonly name = 'ExportNotFoundError';
}

/** `--out` names a folder that does not exist (exit 1). */
export class ExportUsageError extends ExportError {
  override readonly name = 'ExportUsageError';
}

export interface ExportSummary {
  customers: number;
  runId: string;
  asOf: string;
  format: ExportFormat;
  /** The file written, as an absolute path. */
  file: string;
}

export interface ExportScoresOptions {
  stateDir: string;
  format: ExportFormat;
  out: string;
}

/**
 * Writes every customer of the current run with every predictive field and its segments to a CSV
 * or Parquet file (writeScoresExport, the same rows Publish writes under exports/scores/). The file
 * appears whole or not at all: it is written beside `out` and renamed.
 */
export async function exportScoresCommand(options: ExportScoresOptions, target: OutputTarget): Promise<ExportSummary> {
  const log = asOutput(target).data;
  const out = path.resolve(options.out);
  if (!existsSync(path.dirname(out))) throw new ExportUsageError(`Cannot write ${options.out}: the folder ${path.dirname(out)} does not exist.`);
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    const { table, store } = session.dependencies;
    const current = await table.readCurrentRun();
    if (!current) throw new ExportNotFoundError(`No scores to export: no scoring run has succeeded in ${options.stateDir} yet. Run ${firstRunHint(options.stateDir)} first.`);
    const files = runFiles(current.runId);
    const bytes = await store.get(files.report);
    if (!bytes) throw new ExportNotFoundError(`The current run ${current.runId} has no report at ${files.report}; run ${segmentsCommand(options.stateDir, 'rescore')} to score again.`);
    const report = JSON.parse(new TextDecoder().decode(bytes)) as RunReport;
    const source = {
      runId: report.runId,
      asOf: report.asOf,
      modelVersion: report.model.version,
      scoresKeys: Array.from({ length: report.shards }, (_, index) => files.scores(index)),
      membershipsKeys: Array.from({ length: report.shards }, (_, index) => files.memberships(index)),
    };
    const partial = `${out}.partial-${process.pid}`;
    const { customers } = await withWorkspace(async (dir) => {
      const db = await openDuckDb({ tempDirectory: dir });
      try {
        const shardFiles = await downloadRunFiles(store, dir, source);
        return { customers: await writeScoresExport(db, shardFiles, partial, options.format) };
      } catch (error) {
        await rm(partial, { force: true });
        const hint = `if the run predates this release, ${segmentsCommand(options.stateDir, 'rescore')} scores every field again`;
        throw new ExportError(`Could not export the scores of run ${report.runId} (${hint}): ${(error as Error).message.split('\n')[0]}`, { cause: error });
      } finally {
        db.close();
      }
    });
    await rename(partial, out);
    log(`Exported ${customers.toLocaleString('en-US')} customers of run ${report.runId} (as of ${report.asOf}, horizon ${report.horizonDays} days) to ${options.out} (${options.format})`);
    return { customers, runId: report.runId, asOf: report.asOf, format: options.format, file: out };
  } finally {
    await session.close();
  }
}
