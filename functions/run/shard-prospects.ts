import { sqlString, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { downloadFiles } from './scores-file.js';

/**
 * The shard's prospects: people of the customers extract in its buckets with no purchase day on or
 * before the run's day, that is everyone of its prospects file (no order at all, Prepare) and of its
 * customers file (orders, but maybe none by the day) who has no score row. In id order.
 */
export async function readShardProspects(
  store: Pick<S3ObjectStore, 'download'>,
  db: DuckDbSession,
  dir: string,
  shard: { customersKey: string; prospectsKey: string },
  scored: { has(customerId: string): boolean },
): Promise<string[]> {
  const files = await downloadFiles(store, dir, [shard.customersKey, shard.prospectsKey], 'shard-people');
  const people = await db.columnar(`SELECT DISTINCT CAST(customer_id AS VARCHAR) AS id
    FROM read_parquet([${files.map(sqlString).join(', ')}], union_by_name = true) WHERE customer_id IS NOT NULL ORDER BY id`);
  return people.texts('id').filter((id): id is string => id !== null && !scored.has(id));
}
