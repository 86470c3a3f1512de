import { availableParallelism } from 'node:os';
import path from 'node:path';
import { openDuckDb, sqlString, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import type { ModelCard } from '../../models/model-families/index.js';
import {
  niceBinWidth,
  NO_SEGMENT,
  NOT_SCORED,
  renderReportHtml,
  type ChurnCalibration,
  type FamilyMovement,
  type ReportInput,
  type ReportSegment,
  type SegmentKpis,
  type SegmentMovement,
  type Unavailable,
  type ValueHistogram,
} from '../../models/report/index.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { logger } from '../shared/observability.js';
import { scoresExportKey } from '../shared/storage-layout.js';
import { RunStateError } from './errors.js';
import type { RunReport } from './publish-run.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';

/** The run report as stored: `htmlReport` names the HTML beside it, or `notes` say why there is none. */
export type RunReportWithHtml = RunReport & { htmlReport?: string; notes?: string[] };

/** `reports/runs/<runId>.html`, beside the JSON. */
export const htmlReportKey = (runId: string): string => runFiles(runId).report.replace(/\.json$/, '.html');

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Writes the run's HTML report beside its JSON and records it in `report` (before Publish stores
 * the JSON). Never throws: a report that cannot be built must not fail a run that scored everyone,
 * so the failure is logged and noted in the JSON report instead.
 */
export async function writeRunHtmlReport(deps: Pick<RunDependencies, 'store' | 'table'>, report: RunReportWithHtml, card: ModelCard): Promise<void> {
  const key = htmlReportKey(report.runId);
  try {
    const html = await buildRunHtmlReport(deps, report, card);
    await deps.store.put(key, html, 'text/html; charset=utf-8');
    report.htmlReport = key;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    logger.error('The HTML run report could not be built; the run goes on without it', { runId: report.runId, key, error });
    report.notes = [...(report.notes ?? []), `HTML report not written (${reason})`];
  }
}

/**
 * The report of a finished (or finishing) run as HTML: sizes from the run report, per-segment
 * figures, the value histogram and the movement since the previous run from the scores exports
 * (DuckDB), churn calibration and gains from the model card.
 */
export async function buildRunHtmlReport(deps: Pick<RunDependencies, 'store' | 'table'>, report: RunReport, card: ModelCard): Promise<string> {
  const previous = await previousRunOf(deps, report);
  return withWorkspace(async (dir) => {
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      const current = path.join(dir, 'current.parquet');
      await deps.store.download(report.scoresExport.key, current).catch((error: unknown) => {
        throw new RunStateError(`Run ${report.runId}: its scores export ${report.scoresExport.key} cannot be read (${(error as Error).name}).`, { cause: error });
      });
      const notes: string[] = [];
      const kpis = segmentKpisOf(report);
      const input: ReportInput = {
        run: {
          runId: report.runId,
          asOf: report.asOf,
          finishedAt: report.finishedAt,
          horizonDays: report.horizonDays,
          customers: report.customers,
          model: { version: report.model.version, familyName: report.model.familyName, trainedThisRun: report.model.trainedThisRun },
        },
        segments: await segmentFigures(db, current, report.segments, kpis !== undefined),
        ...(kpis ? { kpis } : {}),
        predictedValue: await valueHistogram(db, current),
        calibration: churnCalibration(card),
        movement: 'unavailable' in previous ? previous : await movement(deps, db, dir, current, report, previous),
        ...(report.personas ? { personas: report.personas.map((p) => ({ ...p.profile, clusterId: p.id.replace(/^cluster:/, ''), name: p.name, description: p.description })) } : {}),
        notes,
      };
      return renderReportHtml(input);
    } finally {
      db.close();
    }
  });
}

/** The run the current-run pointer names while this run publishes, unless it is this run (a retried Publish). */
async function previousRunOf(deps: Pick<RunDependencies, 'table'>, report: RunReport): Promise<{ runId: string; asOf: string } | Unavailable> {
  const current = await deps.table.readCurrentRun();
  if (!current) return { unavailable: 'This is the first run: there is no previous run to compare with.' };
  if (current.runId === report.runId) return { unavailable: 'The previous run is not known once this run is the current one (the report was built again after the run published).' };
  if (current.asOf === report.asOf) return { unavailable: `The previous run (${current.runId}) scored the same day, ${report.asOf}, and this run's scores export replaced its own.` };
  return { runId: current.runId, asOf: current.asOf };
}

/** The KPIs Publish computed (models/kpis), as the report shows them; undefined for a run reported before they existed. */
function segmentKpisOf(report: RunReport): SegmentKpis[] | undefined {
  // Run reports written before KPIs existed have segments without `kpis`.
  const withKpis = report.segments.filter((s) => (s as Partial<typeof s>).kpis !== undefined);
  if (withKpis.length === 0) return undefined;
  const defined = (x: number | null): number | undefined => x ?? undefined;
  return withKpis.map(({ id, kpis, entered, exited }) => ({
    segmentId: id,
    revenue: kpis.revenue,
    revenueShare: kpis.revenueShare,
    averageOrderValue: defined(kpis.averageOrderValue),
    ordersPerCustomer: kpis.ordersPerCustomer,
    retention: defined(kpis.retention),
    conversion: defined(kpis.conversion),
    entered,
    exited,
  }));
}

/** Per-segment figures from the scores export; historic revenue only when the run has no revenue KPI. */
async function segmentFigures(db: DuckDbSession, file: string, segments: RunReport['segments'], hasRevenueKpi: boolean): Promise<ReportSegment[]> {
  const rows = await db.rows<{ segment: string; revenue: number; value: number; churn: number }>(`
    SELECT segment, sum(historicClv)::DOUBLE AS revenue, avg(predictedClv)::DOUBLE AS value, avg(churnProbability)::DOUBLE AS churn
    FROM (SELECT unnest(segments) AS segment, historicClv, predictedClv, churnProbability FROM read_parquet(${sqlString(file)}))
    GROUP BY segment`);
  const bySegment = new Map(rows.map((r) => [r.segment, r]));
  return segments.map((s) => {
    const row = bySegment.get(s.id);
    const historicRevenue = hasRevenueKpi ? null : row ? row.revenue : s.size === 0 ? 0 : null;
    return { id: s.id, name: s.name, family: s.family, description: s.description, size: s.size, historicRevenue, meanPredictedValue: row?.value ?? null, meanChurnProbability: row?.churn ?? null };
  });
}

/** Customers per bin of predictedClv up to its 99th percentile; the rest in one open-ended bin. */
async function valueHistogram(db: DuckDbSession, file: string): Promise<ValueHistogram | Unavailable> {
  const source = `read_parquet(${sqlString(file)})`;
  const [stats] = await db.rows<{ p99: number | null; horizon: number | null }>(
    `SELECT quantile_cont(predictedClv, 0.99)::DOUBLE AS p99, any_value(clvHorizonDays)::DOUBLE AS horizon FROM ${source} WHERE isfinite(predictedClv)`,
  );
  if (!stats || stats.p99 === null) return { unavailable: 'No customer has a predicted value.' };
  const width = niceBinWidth(stats.p99);
  const bins = Math.max(1, Math.ceil(stats.p99 / width));
  const rows = await db.rows<{ bin: number; customers: number }>(`
    SELECT least(floor(greatest(predictedClv, 0) / ${width}), ${bins})::DOUBLE AS bin, count(*)::DOUBLE AS customers
    FROM ${source} WHERE isfinite(predictedClv) GROUP BY bin ORDER BY bin`);
  const byBin = new Map(rows.map((r) => [r.bin, r.customers]));
  return {
    label: `predicted CLV${stats.horizon ? ` (${stats.horizon} days)` : ''}`,
    bins: Array.from({ length: bins + 1 }, (_, i) => ({ from: i * width, to: i === bins ? null : (i + 1) * width, customers: byBin.get(i) ?? 0 })).filter((b) => b.to !== null || b.customers > 0),
  };
}

function churnCalibration(card: ModelCard): ChurnCalibration | Unavailable {
  if (!card.split || !card.metrics) return { unavailable: `Model ${card.version} has no held-out split (history too short), so no calibration.` };
  const { split, metrics } = card;
  return {
    split: `Model ${card.version}: history up to ${split.evaluationFeaturesAsOf} predicts (${split.evaluationLabels.after}, ${split.evaluationLabels.until}], ${count(metrics.customers)} customers, ${(100 * metrics.churnRate).toFixed(1)}% churned; churn AUC ${metrics.churnAuc.toFixed(3)}, Brier ${metrics.churnBrier.toFixed(3)}.`,
    rows: metrics.calibration,
  };
}

/**
 * From -> to counts per family between the previous run's export and this one's. A customer in
 * several segments of one family (user-defined segments overlap) is labelled with all of them.
 */
async function movement(deps: Pick<RunDependencies, 'store'>, db: DuckDbSession, dir: string, current: string, report: RunReport, previous: { runId: string; asOf: string }): Promise<SegmentMovement | Unavailable> {
  const previousFile = path.join(dir, 'previous.parquet');
  const key = scoresExportKey(previous.asOf);
  try {
    await deps.store.download(key, previousFile);
  } catch {
    return { unavailable: `The previous run's scores export (${key}) cannot be read.` };
  }
  const families = [...new Set(report.segments.map((s) => s.family))];
  if (families.length === 0) return { previous, families: [] };
  // Counts of customers, ordered: the same on every core count, so the join over both runs' customers uses them all.
  await db.run(`SET threads = ${availableParallelism()}`);
  const rows = await movementCells(db, current, previousFile, report.segments).finally(() => db.run('SET threads = 1'));
  const byFamily: FamilyMovement[] = families.map((family) => ({
    family,
    cells: rows.filter((r) => r.family === family).map((r) => ({ from: r.fromLabel, to: r.toLabel, customers: r.customers })),
  }));
  return { previous, families: byFamily.filter((f) => f.cells.some((c) => c.from !== NO_SEGMENT || c.to !== NO_SEGMENT)) };
}

/**
 * Customers per (family, label in the previous export, label in this one): a label is the
 * customer's segments of the family joined by " + ", NO_SEGMENT when it has none, NOT_SCORED when
 * the customer is not in that export.
 */
export async function movementCells(
  db: DuckDbSession,
  current: string,
  previousFile: string,
  segments: readonly { id: string; family: string }[],
): Promise<{ family: string; fromLabel: string; toLabel: string; customers: number }[]> {
  const familyOf = segments.map((s) => `(${sqlString(s.id)}, ${sqlString(s.family)})`).join(', ');
  // Each customer once, with both runs' segments side by side, then each family's label from the
  // customer's sorted list: no grouping by (customer, family) and no join on it.
  const label = (list: string, present: string) =>
    `CASE WHEN ${present} THEN coalesce(nullif(array_to_string(list_filter(${list}, s -> list_contains(f.members, s)), ' + '), ''), ${sqlString(NO_SEGMENT)}) ELSE ${sqlString(NOT_SCORED)} END`;
  return db.rows<{ family: string; fromLabel: string; toLabel: string; customers: number }>(`
    WITH family_of(segment, family) AS (VALUES ${familyOf}),
    families AS (SELECT family, list(segment) AS members FROM family_of GROUP BY family),
    everyone AS (
      SELECT list_sort(c.segments) AS current, list_sort(p.segments) AS previous, c.customerId IS NOT NULL AS inCurrent, p.customerId IS NOT NULL AS inPrevious
      FROM read_parquet(${sqlString(current)}) c FULL JOIN read_parquet(${sqlString(previousFile)}) p ON p.customerId = c.customerId
    )
    SELECT f.family, ${label('previous', 'inPrevious')} AS fromLabel, ${label('current', 'inCurrent')} AS toLabel, count(*)::DOUBLE AS customers
    FROM everyone CROSS JOIN families f
    GROUP BY ALL ORDER BY ALL`);
}
