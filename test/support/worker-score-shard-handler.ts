import { threadId } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import type { ShardEvent, ShardScores } from '../../functions/run/run-contract.js';

/** A ScoreShard stand-in for worker-thread runs: says which thread and function name ran it, and the DuckDB budget its environment gave. */
export const handler = async (event: ShardEvent, context: Context): Promise<ShardScores & { threadId: number; functionName: string; duckDbMemoryLimit: string | null }> => ({
  index: event.shard.index,
  customers: event.shard.customers,
  scoresKey: `runs/${event.run.runId}/scores/${event.shard.index}.parquet`,
  seconds: 0,
  threadId,
  functionName: context.functionName,
  duckDbMemoryLimit: process.env.SEGMENTS_DUCKDB_MEMORY_LIMIT ?? null,
});

export const failing = async (event: ShardEvent): Promise<never> => {
  throw new RangeError(`shard ${event.shard.index} failed in a worker`);
};
