import { createHash } from 'node:crypto';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import { distinctContent } from '../pipeline/load-clean-data.js';
import type { RunDataSummary, ShardRef } from './run-contract.js';
import type { RunDependencies } from './run-dependencies.js';
import { runFiles } from './run-files.js';

/** Bumped whenever Prepare writes its shard files differently: a record of another format is never reused. */
export const PREPARED_FORMAT = 1;
const HEADS_IN_FLIGHT = 16;

/**
 * What Prepare made of one data set, kept at `runs/<runId>/prepared.json` beside the shard files.
 * The next run whose data set is the same (a nightly rescore with no upload since) copies those
 * files instead of reading and sharding every order again: recency moves every day, the data does not.
 */
export interface PreparedShards {
  format: typeof PREPARED_FORMAT;
  /** preparedInputKey of the data set the files hold. */
  inputKey: string;
  /** dataFingerprint of the orders (whether the model must be trained). */
  fingerprint: string;
  range: { first: string; last: string };
  data: RunDataSummary;
  shards: ShardExtent[];
}

/** A shard without where its files are: those follow from the run (shardRefIn). */
export type ShardExtent = Omit<ShardRef, 'ordersKey' | 'customersKey'>;

/** The shard as the maps get it, its files in this run's folder. */
export const shardRefIn = (runId: string, shard: ShardExtent): ShardRef => ({
  ...shard,
  ordersKey: runFiles(runId).shardOrders(shard.index),
  customersKey: runFiles(runId).shardCustomers(shard.index),
});

/**
 * What Prepare's output depends on: the current uploads in the order they are read, each clean
 * object's ETag (a deletion request rewrites clean objects in place) and how customers are cut into
 * shards. Equal keys mean equal shard files.
 */
export async function preparedInputKey(deps: Pick<RunDependencies, 'store' | 'manifest'>, sharding: { customersPerShard: number; maxShards: number }): Promise<string> {
  const { distinct } = distinctContent(await deps.manifest.entries());
  const objects = await mapWithConcurrency(distinct, HEADS_IN_FLIGHT, async (entry) => ({
    kind: entry.kind,
    cleanKey: entry.cleanKey,
    eTag: await deps.store.eTag(entry.cleanKey),
  }));
  const identity = JSON.stringify({ format: PREPARED_FORMAT, sharding, objects });
  return createHash('sha256').update(identity).digest('hex');
}

/** Records what Prepare wrote for this run, so the next run on the same data can copy it. */
export async function recordPreparedShards(deps: Pick<RunDependencies, 'store'>, runId: string, prepared: PreparedShards): Promise<void> {
  await deps.store.put(runFiles(runId).prepared, JSON.stringify(prepared), 'application/json');
}

/** The shards the current run prepared from the data set `inputKey`, where they are. */
export interface ReusableShards {
  prepared: PreparedShards;
  fromRunId: string;
}

/**
 * The current run's shards when its data set is `inputKey` and all its files are still there;
 * null when that run prepared other data, has no record, or a file of it is gone (expired):
 * Prepare then reads the data.
 */
export async function findReusableShards(deps: Pick<RunDependencies, 'store' | 'table'>, runId: string, inputKey: string): Promise<ReusableShards | null> {
  const current = await deps.table.readCurrentRun();
  if (!current || current.runId === runId) return null;
  try {
    const bytes = await deps.store.get(runFiles(current.runId).prepared);
    if (!bytes) return null;
    const prepared = JSON.parse(new TextDecoder().decode(bytes)) as PreparedShards;
    if (prepared.format !== PREPARED_FORMAT || prepared.inputKey !== inputKey) return null;
    const present = await mapWithConcurrency(shardFiles(prepared, current.runId, runId), HEADS_IN_FLIGHT, async ([source]) => (await deps.store.eTag(source)) !== null);
    return present.includes(false) ? null : { prepared, fromRunId: current.runId };
  } catch {
    // Reuse only saves time: a record that cannot be read or parsed, or an object S3 will not
    // show (without s3:ListBucket on the key, a missing one is AccessDenied, not NotFound), means
    // reading the data as if there were none.
    return null;
  }
}

/** Copies the reusable shards into this run's folder (the current run's files expire with it) and records them as this run's. */
export async function copyReusableShards(deps: Pick<RunDependencies, 'store'>, runId: string, reusable: ReusableShards): Promise<ShardRef[]> {
  await mapWithConcurrency(shardFiles(reusable.prepared, reusable.fromRunId, runId), HEADS_IN_FLIGHT, ([source, target]) => deps.store.copy(source, target));
  await recordPreparedShards(deps, runId, reusable.prepared);
  return reusable.prepared.shards.map((shard) => shardRefIn(runId, shard));
}

/** [source, target] of every file Prepare writes for a data set. */
function shardFiles(prepared: PreparedShards, fromRunId: string, toRunId: string): [string, string][] {
  const from = runFiles(fromRunId);
  const to = runFiles(toRunId);
  return [
    ...prepared.shards.flatMap(({ index }): [string, string][] => [
      [from.shardOrders(index), to.shardOrders(index)],
      [from.shardCustomers(index), to.shardCustomers(index)],
      [from.shardProspects(index), to.shardProspects(index)],
    ]),
    [from.prospects, to.prospects],
  ];
}
