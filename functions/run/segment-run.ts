import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { computePopulationStats, type PopulationStats } from '../../models/segmentation/index.js';
import { readRunConfiguration } from '../adapters/configuration-store.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { logger } from '../shared/observability.js';
import { RunStateError } from './errors.js';
import type { RunContext, SegmentEvent } from './run-contract.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';
import { requireAsOf } from './run-data.js';
import { readSegmentationRows } from './profile-rows.js';

/**
 * Between the two passes: reduces every shard's scores to the population statistics segments rank
 * against (quintile thresholds, value-tier ends, the percentiles the configured segments use) with
 * the configuration's `segments` section (with the profile columns it declares; rules on profile
 * columns read them from the shards' customers files) and the as-of day, stored as `runs/<runId>/population.json`:
 * every shard (WriteShard) and the catalogue (Publish) segment with exactly these settings. Clusters
 * are fitted here, once, with ids matched to the previous published run's.
 */
export async function segmentRun(deps: Pick<RunDependencies, 'store' | 'table'>, { run, shardScores }: SegmentEvent): Promise<RunContext> {
  return withWorkspace(async (dir) => {
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      const { segments } = await readRunConfiguration(deps.store, runFiles(run.runId).config);
      const byIndex = new Map(run.shards.map((shard) => [shard.index, shard]));
      const { rows: scores } = await readSegmentationRows(deps.store, db, dir, {
        scoresKeys: shardScores.map((s) => s.scoresKey),
        customersKeys: shardScores.flatMap((s) => byIndex.get(s.index)?.customersKey ?? []),
      }, segments);
      const previous = segments.clustering.enabled ? await previousPopulation(deps, run.runId) : null;
      const population = computePopulationStats(scores, { settings: segments, asOf: requireAsOf(run), previous });
      const populationKey = runFiles(run.runId).population;
      await deps.store.put(populationKey, JSON.stringify(population), 'application/json');
      return { ...run, populationKey };
    } finally {
      db.close();
    }
  });
}

/**
 * The previous published run's population statistics, so clusters keep their ids (matched to its
 * centroids); null on a first run, or when its file is gone or unreadable (ids then start afresh).
 */
async function previousPopulation(deps: Pick<RunDependencies, 'store' | 'table'>, runId: string): Promise<{ runId: string; population: PopulationStats } | null> {
  const current = await deps.table.readCurrentRun();
  if (!current || current.runId === runId) return null;
  try {
    return { runId: current.runId, population: await readPopulationStats(deps.store, runFiles(current.runId).population) };
  } catch (error) {
    logger.warn('The previous run\'s population statistics cannot be read; cluster ids start afresh', { runId, previousRunId: current.runId, error });
    return null;
  }
}

/** A run's population statistics as the Segment stage stored them (with the segments settings of the run). */
export async function readPopulationStats(store: Pick<S3ObjectStore, 'get'>, populationKey: string): Promise<PopulationStats> {
  const bytes = await store.get(populationKey);
  if (!bytes) throw new RunStateError(`${populationKey} is missing.`);
  return JSON.parse(new TextDecoder().decode(bytes)) as PopulationStats;
}

