import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { ModelRegistry, scoreCustomers } from '../../models/churn-clv/index.js';
import { openDuckDb, sqlString } from '../../models/duckdb/duckdb-session.js';
import { disposeFamilyModel } from '../../models/model-families/family-model.js';
import type { CustomerScore } from '../../models/scoring/customer-score.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { PREFIXES } from '../shared/storage-layout.js';
import { RunStateError } from './errors.js';
import type { ShardEvent, ShardScores } from './run-contract.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';
import { loadRunShards, requireAsOf } from './run-data.js';

/** The columns of a shard's scores file, as Segment and WriteShard read them. */
const SCORE_COLUMN_TYPES = `customer_id: 'VARCHAR', churn_probability: 'DOUBLE', predicted_clv: 'DOUBLE', recency_days: 'DOUBLE', frequency: 'DOUBLE', monetary: 'DOUBLE'`;

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
      const scores = await scoreCustomers(db, loaded, asOf);
      disposeFamilyModel(loaded.model);
      const file = path.join(dir, 'scores.parquet');
      await writeScoresParquet(db, dir, scores, file);
      const scoresKey = runFiles(run.runId).scores(shard.index);
      await deps.store.upload(scoresKey, file, 'application/vnd.apache.parquet');
      return { index: shard.index, customers: scores.length, scoresKey, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) };
    } finally {
      db.close();
    }
  });
}

async function writeScoresParquet(db: Awaited<ReturnType<typeof openDuckDb>>, dir: string, scores: CustomerScore[], file: string): Promise<void> {
  const lines = path.join(dir, 'scores.ndjson');
  const out = createWriteStream(lines);
  for (const s of scores) {
    const row = { customer_id: s.customerId, churn_probability: s.churnProbability, predicted_clv: s.predictedClv, recency_days: s.recencyDays, frequency: s.frequency, monetary: s.monetary };
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await db.run(`COPY (SELECT * FROM read_json(${sqlString(lines)}, format = 'newline_delimited', columns = {${SCORE_COLUMN_TYPES}}) ORDER BY customer_id)
    TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
}
