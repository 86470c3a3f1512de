import { sqlString, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import type { ChangeRun, SegmentChangeSink } from '../adapters/segment-change-events.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';
import { downloadFiles } from './scores-file.js';

/** What Publish sent about the run's membership changes. */
export interface MembershipChangesSummary {
  /** The published run compared with; null when this is the first. */
  previousRunId: string | null;
  entered: number;
  exited: number;
  /** Where the events went (the bus, or the local folder); null when no sink is configured. */
  destination: string | null;
  /** Why nothing was compared, when nothing was. */
  note?: string;
  bySegment: Record<string, { entered: number; exited: number }>;
}

const PAGE = 50_000;
const parquetList = (files: readonly string[]) => `read_parquet([${files.map(sqlString).join(', ')}])`;

/** The run published before this one, as Publish finds it (the current-run pointer until this run flips it). */
export type PreviousRun =
  | { kind: 'none' }
  | { kind: 'this-run' }
  | { kind: 'without-files'; runId: string; asOf: string }
  | { kind: 'found'; runId: string; asOf: string; membershipsFiles: string[] };

/** Finds the previous published run and downloads its memberships files into `dir`. */
export async function previousPublishedRun(deps: Pick<RunDependencies, 'store' | 'table'>, runId: string, dir: string): Promise<PreviousRun> {
  const current = await deps.table.readCurrentRun();
  if (!current) return { kind: 'none' };
  if (current.runId === runId) return { kind: 'this-run' };
  const keys = (await deps.store.list(`${runFiles(current.runId).root}memberships/`)).map((o) => o.key).filter((key) => key.endsWith('.parquet'));
  if (keys.length === 0) return { kind: 'without-files', runId: current.runId, asOf: current.asOf };
  const membershipsFiles = await downloadFiles(deps.store, dir, keys, 'previous-memberships');
  return { kind: 'found', runId: current.runId, asOf: current.asOf, membershipsFiles };
}

/**
 * Compares this run's memberships files with those of the run published before it and sends
 * every change, entered or exited, to the sink, page by page. Comparing published runs, not table
 * writes, makes the changes exact whatever a killed run left in the table, and the same on a
 * retried Publish.
 */
export async function publishMembershipChanges(
  deps: { segmentChanges?: SegmentChangeSink },
  db: DuckDbSession,
  run: { runId: string; asOf: string; membershipsFiles: readonly string[]; events?: ChangeRun['events'] },
  previous: PreviousRun,
): Promise<MembershipChangesSummary> {
  const previousRunId = previous.kind === 'found' || previous.kind === 'without-files' ? previous.runId : null;
  const destination = deps.segmentChanges?.destination ?? null;
  const summary = (note?: string): MembershipChangesSummary => ({ previousRunId, entered: 0, exited: 0, destination, bySegment: {}, ...(note ? { note } : {}) });
  if (previous.kind === 'this-run') return summary('the run was already published; its changes were sent then');
  if (previous.kind === 'without-files') return summary(`the previous run ${previous.runId} kept no memberships files (made before this release), so there is nothing to compare with`);
  const previousFiles = previous.kind === 'found' ? previous.membershipsFiles : [];

  const pairs = (files: readonly string[]) =>
    files.length > 0 ? `SELECT customerId, unnest(segments) AS segmentId FROM ${parquetList(files)}` : 'SELECT NULL::VARCHAR AS customerId, NULL::VARCHAR AS segmentId WHERE false';
  await db.run(`CREATE OR REPLACE TABLE membership_changes AS
    SELECT row_number() OVER (ORDER BY customerId, segmentId) AS rn, customerId, segmentId, change FROM (
      SELECT COALESCE(c.customerId, p.customerId) AS customerId, COALESCE(c.segmentId, p.segmentId) AS segmentId,
        CASE WHEN p.customerId IS NULL THEN 'entered' ELSE 'exited' END AS change
      FROM (${pairs(run.membershipsFiles)}) c FULL OUTER JOIN (${pairs(previousFiles)}) p ON c.customerId = p.customerId AND c.segmentId = p.segmentId
      WHERE c.customerId IS NULL OR p.customerId IS NULL)`);
  try {
    const counts = await db.columnar(`SELECT segmentId, change, count(*)::DOUBLE AS n FROM membership_changes GROUP BY ALL ORDER BY ALL`);
    const result = summary();
    const segmentIds = counts.texts('segmentId');
    const changes = counts.texts('change');
    const n = counts.numbers('n');
    for (let i = 0; i < counts.rowCount; i += 1) {
      const entry = (result.bySegment[String(segmentIds[i])] ??= { entered: 0, exited: 0 });
      const change = changes[i] as 'entered' | 'exited';
      entry[change] += n[i]!;
      result[change] += n[i]!;
    }
    const sink = deps.segmentChanges;
    if (sink) {
      const changeRun: ChangeRun = { runId: run.runId, asOf: run.asOf, previousRunId, ...(run.events ? { events: run.events } : {}) };
      await sink.begin(changeRun);
      const total = result.entered + result.exited;
      for (let from = 0; from < total; from += PAGE) {
        const page = await db.columnar(`SELECT customerId, segmentId, change FROM membership_changes WHERE rn > ${from} AND rn <= ${from + PAGE} ORDER BY rn`);
        const ids = page.texts('customerId');
        const segments = page.texts('segmentId');
        const kinds = page.texts('change');
        await sink.send(
          changeRun,
          Array.from({ length: page.rowCount }, (_, i) => ({ customerId: String(ids[i]), segmentId: String(segments[i]), change: kinds[i] as 'entered' | 'exited' })),
        );
      }
      await sink.finish(changeRun);
    }
    return result;
  } finally {
    await db.run('DROP TABLE IF EXISTS membership_changes');
  }
}
