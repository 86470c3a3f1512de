import path from 'node:path';
import type { DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import { loadDeduplicatedExtracts } from '../../models/features/index.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import type { RunContext, ShardRef } from './run-contract.js';

/**
 * Loads shards of this run's snapshot as the `orders`, `customers` and `prospects` tables: one
 * shard for ScoreShard, all of them for Train. The files hold each order and person once already
 * (Prepare wrote them from the deduplicated tables), so they are read as they are.
 */
export async function loadRunShards(store: S3ObjectStore, db: DuckDbSession, dir: string, shards: readonly ShardRef[]): Promise<void> {
  const files = { orders: [] as string[], customers: [] as string[], prospects: [] as string[] };
  await Promise.all(
    shards.map(async (shard) => {
      const orders = path.join(dir, `shard-${shard.index}-orders.parquet`);
      const customers = path.join(dir, `shard-${shard.index}-customers.parquet`);
      await Promise.all([store.download(shard.ordersKey, orders), store.download(shard.customersKey, customers)]);
      files.orders[shard.index] = orders;
      files.customers[shard.index] = customers;
    }),
  );
  await loadDeduplicatedExtracts(db, { orders: files.orders.filter(Boolean), customers: files.customers.filter(Boolean), prospects: [] });
}

export const requireAsOf = (run: RunContext): string => {
  if (!run.asOf) throw new Error(`Run ${run.runId} reached a stage before Prepare set its day.`);
  return run.asOf;
};
