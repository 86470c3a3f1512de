import path from 'node:path';
import { openDuckDb, sqlString, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import { computePopulationStats } from '../../models/segmentation/index.js';
import type { CustomerScore } from '../../models/scoring/customer-score.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { withWorkspace } from '../pipeline/workspace.js';
import type { RunContext, SegmentEvent } from './run-contract.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';

/** Reads scores files (one shard's or all) as CustomerScore rows in customer id order. */
export async function readScores(store: S3ObjectStore, db: DuckDbSession, dir: string, keys: readonly string[]): Promise<CustomerScore[]> {
  const files = await Promise.all(
    keys.map(async (key, i) => {
      const file = path.join(dir, `scores-${i}.parquet`);
      await store.download(key, file);
      return file;
    }),
  );
  if (files.length === 0) return [];
  const columns = await db.columns(`SELECT customer_id, churn_probability, predicted_clv, recency_days, frequency, monetary
    FROM read_parquet([${files.map(sqlString).join(', ')}]) ORDER BY customer_id`);
  const ids = (columns.customer_id ?? []) as string[];
  const number = (name: string, i: number) => Number((columns[name] as number[])[i]);
  return ids.map((customerId, i) => ({
    customerId,
    churnProbability: number('churn_probability', i),
    predictedClv: number('predicted_clv', i),
    recencyDays: number('recency_days', i),
    frequency: number('frequency', i),
    monetary: number('monetary', i),
  }));
}

/**
 * Between the two passes: reduces every shard's scores to the population statistics segments rank
 * against (quintile thresholds, value-tier ends), stored as `runs/<runId>/population.json`.
 */
export async function segmentRun(deps: Pick<RunDependencies, 'store'>, { run, shardScores }: SegmentEvent): Promise<RunContext> {
  return withWorkspace(async (dir) => {
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      const scores = await readScores(deps.store, db, dir, shardScores.map((s) => s.scoresKey));
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
