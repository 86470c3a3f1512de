import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ModelRegistry } from '../../models/churn-clv/index.js';
import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { loadDeduplicatedExtracts } from '../../models/features/index.js';
import { checkRequiredSegments, clusterPersonasOf, segmentDefinitions, type ClusterPersona } from '../../models/segmentation/index.js';
import { S3SuppressionList } from '../adapters/suppression-list.js';
import { suppressedBy } from '../forget/person-ref.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { PREFIXES, scoresExportKey } from '../shared/storage-layout.js';
import { RunStateError } from './errors.js';
import type { PublishEvent, PublishResult, RunContext, ShardSummary, StoredShardSummary } from './run-contract.js';
import { nowOf, type RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';
import { readRunConfiguration } from '../adapters/configuration-store.js';
import { requireAsOf } from './run-data.js';
import { computeSegmentKpis, writeSegmentKpisParquet, type SegmentKpis } from '../../models/kpis/index.js';
import { previousPublishedRun, publishMembershipChanges, type MembershipChangesSummary } from './membership-changes.js';
import { downloadFiles } from './scores-file.js';
import { downloadRunFiles, membersOfAny, writeScoresExport, type ScoresExportSource } from './scores-export.js';
import { readPopulationStats } from './segment-run.js';
import { writeRunHtmlReport } from './run-html-report.js';
import { publishAudiences, type AudienceOutcome } from './publish-audiences.js';
import { newRunContext } from './start-run.js';
import { StepTimer } from '../../models/progress/index.js';

/** What a finished run did, stored as `reports/runs/<runId>.json` and printed by the CLI. */
export interface RunReport {
  runId: string;
  asOf: string;
  trigger: RunContext['trigger'];
  startedAt: string;
  finishedAt: string;
  customers: number;
  shards: number;
  data: RunContext['data'] | null;
  horizonDays: number;
  model: { version: string; family: string; familyName: string; trainedThisRun: boolean; fittedAsOf: string; promotion: RunContext['promotion'] | null };
  /** Each segment with its size, and the customers who entered and left it since the previous published run. */
  /** Also in `reports/runs/<runId>.segment-kpis.parquet`, one row per segment. */
  segments: { id: string; name: string; family: string; description: string; size: number; entered: number; exited: number; kpis: SegmentKpiFields }[];
  /** The k-means clusters' personas (`cluster:<id>`: name, two-sentence description, profile); absent when clustering is off. */
  personas?: ClusterPersona[];
  /** The configuration the run went by; `problem` says why the stored file was not (it was invalid). */
  configuration: RunContext['configuration'] | null;
  /** The membership changes sent as events (EventBridge in AWS, JSON Lines locally). */
  membershipChanges: MembershipChangesSummary;
  /** `bucketsFromLedger`: buckets diffed against the last run's table ledger rather than read back. */
  writes: {
    items: number;
    scoreItems: number;
    membershipsEntered: number;
    membershipsExited: number;
    customersRemoved: number;
    bucketsFromLedger: number;
    /** Score items written by reason: new, unfinishedRun, layout, orders, probability, value, nextOrderDate (reports before the layout change: segments). */
    scoreItemReasons: Record<string, number>;
  };
  /** Each configured audience: the version it published (models/audiences/audience-version.ts), or why it published none. */
  audiences: AudienceOutcome[];
  /** Every customer's scores and segments as Parquet: `exports/scores/<asOf>/scores.parquet`. */
  scoresExport: { key: string; customers: number };
  /** WriteShard's seconds: the slowest shard, all shards, and all shards by step (WriteShardStep). */
  shardSeconds: { max: number; total: number; bySteps?: Record<string, number> };
  /** Publish's own seconds by step, up to writing this report. */
  publishSeconds?: Record<string, number>;
}

/** A segment's KPIs as the report and the catalogue carry them (models/kpis; size, entered and exited are beside them). */
export type SegmentKpiFields = Omit<SegmentKpis, 'segmentId' | 'size'>;

/** The segment's KPIs, or those of an empty segment. */
function kpisOf(kpis: ReadonlyMap<string, SegmentKpis>, segmentId: string): SegmentKpiFields {
  const found = kpis.get(segmentId);
  if (found) {
    const { segmentId: _id, size: _size, ...fields } = found;
    return fields;
  }
  return { share: 0, revenue: 0, revenueShare: 0, orders: 0, ordersPerCustomer: 0, averageOrderValue: null, retention: null, conversion: null, meanPredictedClv: 0, meanChurnProbability: 0 };
}

const sumOf = (shards: readonly ShardSummary[], field: keyof Omit<ShardSummary, 'segmentSizes'>): number => shards.reduce((sum, s) => sum + (s[field] as number), 0);

/**
 * The last stage: the catalogue, the lookalike audience, the scores export and the run report, then the run is marked
 * succeeded and the current-run pointer flips to it. Releasing the single-flight lock is the very
 * last write; when requests arrived during the run it keeps the lock and hands back the next run.
 */
export async function publishRun(deps: RunDependencies, { run, shardResults }: PublishEvent): Promise<PublishResult> {
  const asOf = requireAsOf(run);
  if (!run.modelVersion || !run.populationKey) throw new RunStateError(`Run ${run.runId} reached Publish without a model or population statistics.`);
  const metadata = await new ModelRegistry(deps.store, PREFIXES.models).loadMetadata(run.modelVersion);
  const population = await readPopulationStats(deps.store, run.populationKey);
  const definitions = segmentDefinitions(population.settings, population);
  const personas = clusterPersonasOf(population);
  const stored = await storedSummariesOf(deps, run);
  const sizes = sumRecords(stored.map((summary) => summary.segmentSizes));
  // Before anything is published: a required segment that matched nobody fails the run, and the catalogue, pointer and exports stay as they were.
  if (population.settings) checkRequiredSegments(population.settings, sizes);
  const sized = definitions.map((d) => ({ ...d, size: sizes.get(d.id) ?? 0 }));
  const files = runFiles(run.runId);
  const timer = new StepTimer();
  const { audiences, scoresExport, membershipChanges, kpis } = await publishFiles(deps, run, timer, {
    runId: run.runId,
    asOf,
    modelVersion: run.modelVersion,
    scoresKeys: run.shards.map((s) => files.scores(s.index)),
    membershipsKeys: run.shards.map((s) => files.memberships(s.index)),
  }, new Set(definitions.map((d) => d.id)));
  const segments = sized.map((segment) => ({ ...segment, entered: 0, exited: 0, ...membershipChanges.bySegment[segment.id], kpis: kpisOf(kpis, segment.id) }));
  const finishedAt = nowOf(deps).toISOString();
  const report: RunReport = {
    runId: run.runId,
    asOf,
    trigger: run.trigger,
    startedAt: run.startedAt,
    finishedAt,
    customers: sumOf(shardResults, 'customers'),
    shards: shardResults.length,
    data: run.data ?? null,
    horizonDays: run.horizonDays,
    model: { version: metadata.version, family: metadata.card.family, familyName: metadata.card.familyName, trainedThisRun: run.train, fittedAsOf: metadata.asOf, promotion: run.promotion ?? null },
    segments,
    ...(personas ? { personas } : {}),
    writes: {
      items: sumOf(shardResults, 'itemsWritten'),
      scoreItems: sumOf(shardResults, 'scoreItemsWritten'),
      membershipsEntered: sumOf(shardResults, 'membershipsEntered'),
      membershipsExited: sumOf(shardResults, 'membershipsExited'),
      customersRemoved: sumOf(shardResults, 'customersRemoved'),
      bucketsFromLedger: sumOf(shardResults, 'bucketsFromLedger'),
      scoreItemReasons: Object.fromEntries(sumRecords(stored.map((summary) => summary.scoreWrites ?? {}))),
    },
    audiences,
    scoresExport,
    membershipChanges,
    configuration: run.configuration ?? null,
    shardSeconds: {
      max: Math.max(0, ...shardResults.map((s) => s.seconds)),
      total: sumOf(shardResults, 'seconds'),
      bySteps: Object.fromEntries([...sumRecords(stored.map((summary) => summary.steps ?? {}))].map(([step, seconds]) => [step, Number(seconds.toFixed(2))])),
    },
  };
  await timer.time('htmlReport', () => writeRunHtmlReport(deps, report, metadata.card));
  report.publishSeconds = timer.bySteps();
  const reportKey = runFiles(run.runId).report;
  await deps.store.put(reportKey, JSON.stringify(report, null, 2), 'application/json');
  await deps.table.publishRun({ runId: run.runId, finishedAt, catalog: { asOf, modelVersion: run.modelVersion, segments }, details: { reportKey, itemsWritten: report.writes.items } });
  const next = await deps.control.finish(run.runId, finishedAt);
  const finished = { runId: run.runId, asOf, itemsWritten: report.writes.items, reportKey };
  if (next.released) return { finished, loop: false, run: null };
  return { finished, loop: true, run: newRunContext(next.nextRunId, { trigger: 'upload' }, run.horizonDays, finishedAt) };
}

/** What each WriteShard stored beside its memberships: segment sizes and why score items were written. */
async function storedSummariesOf(deps: RunDependencies, run: RunContext): Promise<StoredShardSummary[]> {
  const files = runFiles(run.runId);
  return Promise.all(
    run.shards.map(async (shard) => {
      const bytes = await deps.store.get(files.shardSummary(shard.index));
      if (!bytes) throw new RunStateError(`Run ${run.runId}: shard ${shard.index} has no write summary at ${files.shardSummary(shard.index)}.`);
      return JSON.parse(new TextDecoder().decode(bytes)) as StoredShardSummary;
    }),
  );
}

function sumRecords(records: readonly Record<string, number>[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const record of records) for (const [key, value] of Object.entries(record)) sums.set(key, (sums.get(key) ?? 0) + value);
  return sums;
}

/**
 * The outputs built from the shards' files, with no segmenting again: every customer's scores and
 * segments as Parquet under `exports/scores/<asOf>/` (writeScoresExport, one DuckDB COPY) and the
 * configured audiences that are due (publishAudiences: from the profiles, the prospects and the seed segments' members).
 */
async function publishFiles(deps: RunDependencies, run: RunContext, timer: StepTimer, source: ScoresExportSource, knownSegments: ReadonlySet<string>): Promise<{ audiences: AudienceOutcome[]; scoresExport: RunReport['scoresExport']; membershipChanges: MembershipChangesSummary; kpis: Map<string, SegmentKpis> }> {
  const files = runFiles(run.runId);
  return withWorkspace(async (dir) => {
    // The export and the changes are ordered and hold no sums, and the KPIs sum exact decimals: the same on every core count, so they use them all.
    const db = await openDuckDb({ tempDirectory: dir, threads: availableParallelism() });
    try {
      const config = await readRunConfiguration(deps.store, files.config);
      const shardFiles = await timer.time('download', () => downloadRunFiles(deps.store, dir, source));
      const key = scoresExportKey(source.asOf);
      const exported = await timer.time('scoresExport', async () => {
        const exportFile = path.join(dir, 'scores-export.parquet');
        const count = await writeScoresExport(db, shardFiles, exportFile, 'parquet');
        await deps.store.upload(key, exportFile, 'application/vnd.apache.parquet');
        return count;
      });
      const previous = await previousPublishedRun(deps, run.runId, dir);
      // Before the run is marked published: a Publish that fails after this sends the changes again (at least once).
      const membershipChanges = await timer.time('membershipChanges', () =>
        publishMembershipChanges(deps, db, { runId: run.runId, asOf: source.asOf, membershipsFiles: shardFiles.membershipsFiles, events: config.events.membershipChanges }, previous),
      );
      const kpis = await timer.time('kpis', async () => {
        const orders = await downloadFiles(deps.store, dir, run.shards.map((shard) => shard.ordersKey), 'orders');
        const computed = await computeSegmentKpis(db, {
          asOf: source.asOf,
          horizonDays: run.horizonDays,
          scoresFiles: shardFiles.scoresFiles,
          membershipsFiles: shardFiles.membershipsFiles,
          ordersFiles: orders,
          previous: previous.kind === 'found' ? previous : null,
        });
        const withChanges = computed.map((k) => ({ ...k, entered: 0, exited: 0, ...membershipChanges.bySegment[k.segmentId] }));
        const kpisFile = path.join(dir, 'segment-kpis.parquet');
        await writeSegmentKpisParquet(db, withChanges, kpisFile);
        await deps.store.upload(files.segmentKpis, kpisFile, 'application/vnd.apache.parquet');
        return computed;
      });
      // Audiences sum floating-point values (a cent can tip either way), which one thread keeps the same from run to run.
      await db.run('SET threads = 1');
      const audiences = await timer.time('audiences', async () => {
        const customers = await downloadFiles(deps.store, dir, run.shards.map((shard) => shard.customersKey), 'customers');
        const prospects = path.join(dir, 'prospects.parquet');
        await deps.store.download(files.prospects, prospects);
        await loadDeduplicatedExtracts(db, { orders: [], customers, prospects: [prospects] });
        return publishAudiences(db, deps.store, {
          runId: run.runId,
          asOf: source.asOf,
          createdAt: nowOf(deps).toISOString(),
          config,
          knownSegments,
          membersOf: (segments) => membersOfAny(db, shardFiles, segments),
          scoresFiles: shardFiles.scoresFiles,
          isSuppressed: suppressedBy(await new S3SuppressionList(deps.store).hashes()),
        });
      });
      return { audiences, scoresExport: { key, customers: exported }, membershipChanges, kpis: new Map(kpis.map((k) => [k.segmentId, k])) };
    } finally {
      db.close();
    }
  });
}
