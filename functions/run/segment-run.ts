import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { computePopulationStats, segmentationScoreOf, type PopulationStats } from '../../models/segmentation/index.js';
import { readConfiguration } from '../adapters/configuration-store.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { RunStateError } from './errors.js';
import type { RunContext, SegmentEvent } from './run-contract.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';
import { requireAsOf } from './run-data.js';
import { readScores } from './scores-file.js';

/**
 * Between the two passes: reduces every shard's scores to the population statistics segments rank
 * against (quintile thresholds, value-tier ends, the percentiles the configured segments use) with
 * the configuration's `segments` section and the as-of day, stored as `runs/<runId>/population.json`:
 * every shard (WriteShard) and the catalogue (Publish) segment with exactly these settings.
 */
export async function segmentRun(deps: Pick<RunDependencies, 'store'>, { run, shardScores }: SegmentEvent): Promise<RunContext> {
  return withWorkspace(async (dir) => {
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      const scores = (await readScores(deps.store, db, dir, shardScores.map((s) => s.scoresKey))).map(segmentationScoreOf);
      const { segments } = await readConfiguration(deps.store);
      const population = computePopulationStats(scores, { settings: segments, asOf: requireAsOf(run) });
      const populationKey = runFiles(run.runId).population;
      await deps.store.put(populationKey, JSON.stringify(population), 'application/json');
      return { ...run, populationKey };
    } finally {
      db.close();
    }
  });
}

/** A run's population statistics as the Segment stage stored them (with the segments settings of the run). */
export async function readPopulationStats(store: Pick<S3ObjectStore, 'get'>, populationKey: string): Promise<PopulationStats> {
  const bytes = await store.get(populationKey);
  if (!bytes) throw new RunStateError(`${populationKey} is missing.`);
  return JSON.parse(new TextDecoder().decode(bytes)) as PopulationStats;
}
