import type { Context } from 'aws-lambda';
import type { ShardEvent, ShardScores } from '../../functions/run/run-contract.js';

/** A ScoreShard stand-in for worker-process runs: says which process and function name ran it, and the DuckDB budget its environment gave. */
export const handler = async (event: ShardEvent, context: Context): Promise<ShardScores & { pid: number; functionName: string; duckDbMemoryLimit: string | null }> => ({
  index: event.shard.index,
  customers: event.shard.customers,
  scoresKey: `runs/${event.run.runId}/scores/${event.shard.index}.parquet`,
  seconds: 0,
  pid: process.pid,
  functionName: context.functionName,
  duckDbMemoryLimit: process.env.SEGMENTS_DUCKDB_MEMORY_LIMIT ?? null,
});

export const failing = async (event: ShardEvent): Promise<never> => {
  throw new RangeError(`shard ${event.shard.index} failed in a worker`);
};

/** A worker whose process ends in the middle of its invocation (out of memory, a native crash). */
export const exiting = async (): Promise<never> => {
  process.exit(3);
};
