import path from 'node:path';
import { ModelRegistry, scoreCustomers } from '../../models/churn-clv/index.js';
import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { disposeFamilyModel } from '../../models/model-families/family-model.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { PREFIXES } from '../shared/storage-layout.js';
import { RunStateError } from './errors.js';
import type { ShardEvent, ShardScores } from './run-contract.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';
import { loadRunShards, requireAsOf } from './run-data.js';
import { writeScoresParquet } from './scores-file.js';

/**
 * First pass over a shard: features and predictions of its customers with the run's model,
 * written to `runs/<runId>/scores/<shard>.parquet`. Nothing is written to the table yet: segments
 * rank against the whole population, known only once every shard is scored.
 */
export async function scoreShard(deps: Pick<RunDependencies, 'store'>, { run, shard }: ShardEvent): Promise<ShardScores> {
  const started = performance.now();
  const asOf = requireAsOf(run);
  if (!run.modelVersion) throw new RunStateError(`Run ${run.runId} has no model to score shard ${shard.index} with.`);
  return withWorkspace(async (dir) => {
    const db = await openDuckDb({ tempDirectory: dir });
    try {
      await loadRunShards(deps.store, db, dir, [shard]);
      const loaded = await new ModelRegistry(deps.store, PREFIXES.models).load(run.modelVersion!);
      const scores = await scoreCustomers(db, loaded, asOf, { clvHorizonDays: run.clvHorizonDays, annualDiscountRate: run.annualDiscountRate });
      disposeFamilyModel(loaded.model);
      const file = path.join(dir, 'scores.parquet');
      await writeScoresParquet(db, scores, file);
      const scoresKey = runFiles(run.runId).scores(shard.index);
      await deps.store.upload(scoresKey, file, 'application/vnd.apache.parquet');
      return { index: shard.index, customers: scores.length, scoresKey, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) };
    } finally {
      db.close();
    }
  });
}
