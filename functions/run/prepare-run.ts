import path from 'node:path';
import { ModelRegistry } from '../../models/churn-clv/index.js';
import { DEFAULT_CLV_SETTINGS } from '../../models/scoring/clv-settings.js';
import { openDuckDb, sqlString, type DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import { dataFingerprint, orderDateRange } from '../../models/features/index.js';
import { addDays, isoDay } from '../../models/features/dates.js';
import { bucketSql, shardOfBucketSql, shardRanges } from '../../models/partitioning/index.js';
import { resolveConfiguration, type ConfigurationInForce } from '../adapters/configuration-store.js';
import { loadCleanData } from '../pipeline/load-clean-data.js';
import { withWorkspace } from '../pipeline/workspace.js';
import { PREFIXES } from '../shared/storage-layout.js';
import { RunRefusedError } from './errors.js';
import type { RunContext, ShardRef } from './run-contract.js';
import { progressOf, type RunDependencies } from './run-dependencies.js';
import { copyReusableShards, findReusableShards, PREPARED_FORMAT, preparedInputKey, recordPreparedShards, shardRefIn, type PreparedShards } from './prepared-shards.js';
import { runFiles } from './run-files.js';

/**
 * Customers per shard the maps aim at; one shard Lambda handles this many comfortably.
 * `SEGMENTS_SHARD_CUSTOMERS` overrides it (more shards on a small data set, for tests and benchmarks).
 */
export const CUSTOMERS_PER_SHARD = 50_000;
const customersPerShard = (): number => Number(process.env.SEGMENTS_SHARD_CUSTOMERS) || CUSTOMERS_PER_SHARD;
export const MAX_SHARDS = 256;
/** A scheduled day this long after the last order is a misconfigured schedule or stale data, not a rescore. */
export const MAX_DAYS_AFTER_LAST_ORDER = 366;

/** The day a run scores as of: the one asked for, refused when the data cannot support it; else the last order's day. */
export function decideAsOf(asked: string | null, range: { first: string; last: string }): string {
  if (asked === null) return range.last;
  const day = isoDay(asked);
  if (day < range.first) {
    throw new RunRefusedError(`Refusing to score as of ${day}: it is before the first order (${range.first}); nothing was written.`);
  }
  if (day > addDays(range.last, MAX_DAYS_AFTER_LAST_ORDER)) {
    throw new RunRefusedError(
      `Refusing to score as of ${day}: the last order is from ${range.last}, more than ${MAX_DAYS_AFTER_LAST_ORDER} days earlier (is the orders feed stalled, or the schedule's day wrong?); nothing was written.`,
    );
  }
  return day;
}

/**
 * Snapshots the accepted data of this run (the manifest's current uploads, each content once),
 * decides the day, the horizons (the configuration file's `scoring` section, else the
 * deployment's horizon) and whether the model must be trained (no model, other data, or another horizon), and partitions customers into shards by
 * a stable hash of their id: each shard's orders and profiles become Parquet files under
 * `runs/<runId>/shards/`, with the profiles of the customers extract's people who have no order
 * (the lifecycle stage `prospect`, which WriteShard gives them); the prospects extract one file for Publish.
 */
export async function prepareRun(deps: RunDependencies, run: RunContext): Promise<RunContext> {
  const progress = progressOf(deps);
  const inputKey = await preparedInputKey(deps, { customersPerShard: customersPerShard(), maxShards: MAX_SHARDS });
  const reusable = await findReusableShards(deps, run.runId, inputKey);
  // A day the data cannot support is refused before any shard is written.
  if (reusable) decideAsOf(run.asOf, reusable.prepared.range);
  const { prepared, shards } = reusable
    ? { prepared: reusable.prepared, shards: await copyReusableShards(deps, run.runId, reusable) }
    : await withWorkspace((dir) => shardData(deps, run, inputKey, dir));
  const asOf = decideAsOf(run.asOf, prepared.range);
  const configuration = await configurationForRun(deps, run.runId);
  if (configuration.problem) progress(`configuration: ${configuration.problem}`);
  const { horizonDays = run.horizonDays, clvHorizonDays = deps.clvHorizonDays ?? DEFAULT_CLV_SETTINGS.clvHorizonDays, annualDiscountRate } = configuration.config.scoring;
  const registry = new ModelRegistry(deps.store, PREFIXES.models);
  const currentVersion = await registry.currentVersion();
  const current = currentVersion ? await registry.loadMetadata(currentVersion).catch(() => null) : null;
  const train = !current || current.dataFingerprint !== prepared.fingerprint || current.horizonDays !== horizonDays;
  await deps.table.runs.start({ runId: run.runId, asOf, startedAt: run.startedAt, details: { trigger: run.trigger } });
  const source = reusable ? ', shards copied from the last run (same data)' : '';
  progress(`prepare: ${prepared.data.orders.toLocaleString('en-US')} orders, ${shards.length} shard(s)${source}, as of ${asOf}, horizon ${horizonDays} days${train ? ', model to train' : `, model ${currentVersion}`}`);
  return {
    ...run,
    asOf,
    horizonDays,
    clvHorizonDays,
    annualDiscountRate,
    shards,
    train,
    modelVersion: train ? null : currentVersion,
    data: prepared.data,
    configuration: { source: configuration.source, ...(configuration.problem ? { problem: configuration.problem } : {}) },
  };
}

/** Reads the run's data set and writes its shards (and the record that lets the next run on the same data copy them). */
async function shardData(deps: RunDependencies, run: RunContext, inputKey: string, dir: string): Promise<{ prepared: PreparedShards; shards: ShardRef[] }> {
  const db = await openDuckDb({ tempDirectory: dir });
  try {
    const data = await loadCleanData(deps.store, deps.manifest, db, dir);
    const range = await orderDateRange(db);
    if (!range) throw new RunRefusedError('There are no accepted orders yet; upload an orders extract under incoming/orders/. Nothing was written.');
    // A day the data cannot support is refused before any shard is written.
    decideAsOf(run.asOf, range);
    const fingerprint = await dataFingerprint(db);
    const shards = await writeShards(deps, db, dir, run.runId, data.orders);
    const prepared: PreparedShards = {
      format: PREPARED_FORMAT,
      inputKey,
      fingerprint,
      range,
      data: {
        orders: data.orders,
        customers: shards.reduce((sum, shard) => sum + shard.customers, 0),
        prospects: data.prospects,
        duplicateUploads: data.duplicateUploads.length,
        overlappingOrderRows: data.overlappingOrderRows,
      },
      shards: shards.map(({ ordersKey: _orders, customersKey: _customers, ...shard }) => shard),
    };
    await recordPreparedShards(deps, run.runId, prepared);
    return { prepared, shards };
  } finally {
    db.close();
  }
}

/**
 * The configuration this run goes by (resolveConfiguration: the stored file, or the last published
 * run's copy when the file is invalid), kept as the run's own copy so later stages and the next
 * run's fallback read exactly it.
 */
async function configurationForRun(deps: RunDependencies, runId: string): Promise<ConfigurationInForce> {
  const current = await deps.table.readCurrentRun();
  const inForce = await resolveConfiguration(deps.store, current ? runFiles(current.runId).config : null);
  await deps.store.put(runFiles(runId).config, inForce.text ?? '', 'application/yaml');
  return inForce;
}

/**
 * Writes each shard's files from two sorted copies of the data (orders, and profiles with whether
 * the person ordered), each made in one pass: a shard's COPY then reads only its own row groups,
 * where a query per shard over all the orders made the stage grow with shards x orders.
 * The run's `orders` table is dropped once copied: nothing after this reads it.
 */
async function writeShards(deps: RunDependencies, db: DuckDbSession, dir: string, runId: string, orders: number): Promise<ShardRef[]> {
  const files = runFiles(runId);
  // Everyone with an order, and everyone of the customers extract: those without an order are the shard's prospects.
  await db.run(`CREATE TEMP TABLE customer_buckets AS
    SELECT customer_id, ${bucketSql('customer_id')} AS bucket, bool_or(ordered) AS ordered
    FROM (SELECT DISTINCT customer_id, true AS ordered FROM orders UNION ALL SELECT customer_id, false FROM customers WHERE customer_id IS NOT NULL)
    GROUP BY customer_id`);
  const perBucket = await db.rows<{ bucket: number; n: number; people: number }>(
    'SELECT bucket, CAST(count(*) FILTER (WHERE ordered) AS INTEGER) AS n, CAST(count(*) AS INTEGER) AS people FROM customer_buckets GROUP BY bucket',
  );
  const people = perBucket.reduce((sum, b) => sum + b.people, 0);
  const customersIn = (range: { fromBucket: number; toBucket: number }) =>
    perBucket.reduce((sum, b) => (b.bucket >= range.fromBucket && b.bucket < range.toBucket ? sum + b.n : sum), 0);
  const count = Math.min(MAX_SHARDS, Math.max(1, Math.ceil(people / customersPerShard())));
  // __shard and __ordered: a declared profile column may have any plain name.
  const shardOf = shardOfBucketSql('b.bucket', count);
  await db.run(`CREATE TEMP TABLE shard_orders AS
    SELECT ${shardOf} AS __shard, o.* FROM orders o JOIN customer_buckets b ON b.customer_id = o.customer_id ORDER BY __shard, o.customer_id, o.order_date`);
  await db.run('DROP TABLE orders');
  await db.run(`CREATE TEMP TABLE shard_people AS
    SELECT ${shardOf} AS __shard, b.ordered AS __ordered, c.* FROM customers c JOIN customer_buckets b ON b.customer_id = c.customer_id ORDER BY __shard, c.customer_id`);
  const copy = (select: string, file: string) => db.run(`COPY (${select}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
  const shards: ShardRef[] = [];
  for (const [index, range] of shardRanges(count).entries()) {
    const ordersFile = path.join(dir, `orders-${index}.parquet`);
    const customersFile = path.join(dir, `customers-${index}.parquet`);
    const prospectsFile = path.join(dir, `prospects-${index}.parquet`);
    await copy(`SELECT * EXCLUDE (__shard) FROM shard_orders WHERE __shard = ${index} ORDER BY customer_id, order_date`, ordersFile);
    await copy(`SELECT * EXCLUDE (__shard, __ordered) FROM shard_people WHERE __shard = ${index} AND __ordered ORDER BY customer_id`, customersFile);
    await copy(`SELECT * EXCLUDE (__shard, __ordered) FROM shard_people WHERE __shard = ${index} AND NOT __ordered ORDER BY customer_id`, prospectsFile);
    await deps.store.upload(files.shardOrders(index), ordersFile, 'application/vnd.apache.parquet');
    await deps.store.upload(files.shardCustomers(index), customersFile, 'application/vnd.apache.parquet');
    await deps.store.upload(files.shardProspects(index), prospectsFile, 'application/vnd.apache.parquet');
    shards.push(shardRefIn(runId, { index, ...range, customers: customersIn(range) }));
  }
  await db.run('DROP TABLE shard_orders');
  await db.run('DROP TABLE shard_people');
  const prospectsFile = path.join(dir, 'prospects.parquet');
  await db.run(`COPY (SELECT * FROM prospects) TO ${sqlString(prospectsFile)} (FORMAT parquet, COMPRESSION zstd)`);
  await deps.store.upload(files.prospects, prospectsFile, 'application/vnd.apache.parquet');
  return orders > 0 ? shards : [];
}
