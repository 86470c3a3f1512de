import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { computePopulationStats, segmentationScoreOf } from '../../models/segmentation/index.js';
import { withWorkspace } from '../pipeline/workspace.js';
import type { RunContext, SegmentEvent } from './run-contract.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';
import { readScores } from './scores-file.js';

/**
 * Between the two passes: reduces every shard's scores to the population statistics segments rank
 * against (quintile thresholds, value-tier ends), stored as `runs/<runId>/population.json`.
 */
export async function segmentRun(deps: Pick<RunDependencies, 'store'>, { run, shardScores }: SegmentEvent): Promise<RunContext> {
  return withWorkspace(async (dir) => {
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      const scores = (await readScores(deps.store, db, dir, shardScores.map((s) => s.scoresKey))).map(segmentationScoreOf);
      const columns = {
        recencyDays: Float64Array.from(scores, (s) => s.recencyDays),
        frequency: Float64Array.from(scores, (s) => s.frequency),
        monetary: Float64Array.from(scores, (s) => s.monetary),
        predictedClv: Float64Array.from(scores, (s) => s.predictedClv),
      };
      const population = computePopulationStats(scores.map((s) => s.customerId), columns);
      const populationKey = runFiles(run.runId).population;
      await deps.store.put(populationKey, JSON.stringify(population), 'application/json');
      return { ...run, populationKey };
    } finally {
      db.close();
    }
  });
}
