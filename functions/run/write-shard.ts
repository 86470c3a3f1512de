import path from 'node:path';
import { readRunConfiguration } from '../adapters/configuration-store.js';
import { customerRow, S3TableLedgerStore, type ScoreWriteReason } from '../adapters/customer-items/index.js';
import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { assignSegments, DEFAULT_SEGMENTATION_SETTINGS, prospectSegments, type PopulationStats } from '../../models/segmentation/index.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { PREFIXES } from '../shared/storage-layout.js';
import { RunStateError } from './errors.js';
import type { ShardEvent, ShardSummary, StoredShardSummary } from './run-contract.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';
import { requireAsOf } from './run-data.js';
import { writeMembershipsParquet } from './scores-export.js';
import { readSegmentationRows } from './profile-rows.js';
import { readShardProspects } from './shard-prospects.js';

/**
 * Second pass over a shard: segments its customers against the population statistics and makes
 * the shard's buckets in the table hold exactly their new state, writing only what differs from
 * the items there (reconcileShard). The items there come from the shard's table ledger when one
 * can be trusted, else from the table. Idempotent, so a retried or re-run shard converges. The
 * shard's memberships and its summary with segment sizes go to the run's files for Publish; the
 * Map's result is the summary without them, so 256 shards stay far below Step Functions' 256 KiB.
 * How far a score may move unwritten is the run's configuration's `writes.tolerance`.
 */
export async function writeShard(deps: Pick<RunDependencies, 'store' | 'table'>, { run, shard }: ShardEvent): Promise<ShardSummary> {
  const started = performance.now();
  const asOf = requireAsOf(run);
  if (!run.populationKey || !run.modelVersion) throw new RunStateError(`Run ${run.runId} reached WriteShard without population statistics or a model.`);
  const bytes = await deps.store.get(run.populationKey);
  if (!bytes) throw new RunStateError(`Run ${run.runId}: ${run.populationKey} is missing.`);
  const population = JSON.parse(new TextDecoder().decode(bytes)) as PopulationStats;
  const files = runFiles(run.runId);
  const { writes } = await readRunConfiguration(deps.store, files.config);
  const { scores, assignment, prospects } = await withWorkspace(async (dir) => {
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      const { scores: read, rows } = await readSegmentationRows(deps.store, db, dir, { scoresKeys: [files.scores(shard.index)], customersKeys: [shard.customersKey] }, population.settings);
      const segmented = assignSegments(rows, { population });
      // The customers extract's people with no purchase by the day: no scores, the prospect stage only.
      const stage = prospectSegments(population.settings ?? DEFAULT_SEGMENTATION_SETTINGS);
      const prospectIds = stage.length === 0 ? [] : await readShardProspects(deps.store, db, dir, { customersKey: shard.customersKey, prospectsKey: files.shardProspects(shard.index) }, segmented.memberships);
      // Publish builds the scores export and the audience seed from these files, not by segmenting again.
      const membershipsFile = path.join(dir, 'memberships.parquet');
      const memberships = new Map(segmented.memberships);
      for (const id of prospectIds) memberships.set(id, stage);
      await writeMembershipsParquet(db, memberships, membershipsFile);
      await deps.store.upload(files.memberships(shard.index), membershipsFile, 'application/vnd.apache.parquet');
      return { scores: read, assignment: segmented, prospects: prospectIds.map((customerId) => ({ customerId, segments: [...stage] })) };
    } finally {
      db.close();
    }
  });
  const segmentSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
  const result = await deps.table.reconcileShard({
    runId: run.runId,
    asOf,
    modelVersion: run.modelVersion,
    fromBucket: shard.fromBucket,
    toBucket: shard.toBucket,
    customers: scores.map((score) => customerRow(score, assignment.memberships.get(score.customerId) ?? [])),
    prospects,
    finishedRuns: deps.table.runs.succeededRuns(),
    tolerance: writes.tolerance,
  }, { ledgers: new S3TableLedgerStore(deps.store, PREFIXES.tableLedgers) });
  const summary: ShardSummary = {
    index: shard.index,
    customers: scores.length,
    itemsWritten: result.itemsWritten,
    scoreItemsWritten: result.scoreItemsWritten,
    membershipsEntered: result.membershipsPut,
    membershipsExited: result.membershipsDeleted,
    customersRemoved: result.customersRemoved,
    bucketsFromLedger: result.bucketsFromLedger,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  };
  const scoreWrites = {
    new: result.scoreWritesNew,
    unfinishedRun: result.scoreWritesUnfinishedRun,
    layout: result.scoreWritesLayout,
    orders: result.scoreWritesOrders,
    probability: result.scoreWritesProbability,
    value: result.scoreWritesValue,
    nextOrderDate: result.scoreWritesNextOrderDate,
  } satisfies Record<ScoreWriteReason, number>;
  const steps = { segment: segmentSeconds, ...result.seconds };
  const stored: StoredShardSummary = { ...summary, segmentSizes: result.segmentSizes, scoreWrites, steps };
  await deps.store.put(files.shardSummary(shard.index), JSON.stringify(stored), 'application/json');
  return summary;
}
