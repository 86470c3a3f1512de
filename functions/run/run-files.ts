import { PREFIXES } from '../shared/storage-layout.js';

const pad = (index: number): string => String(index).padStart(4, '0');

/** Where a run keeps its working files, under `runs/<runId>/`, and its report. */
export const runFiles = (runId: string) => {
  const root = `${PREFIXES.runs}${runId}/`;
  return {
    root,
    shardOrders: (index: number) => `${root}shards/${pad(index)}/orders.parquet`,
    shardCustomers: (index: number) => `${root}shards/${pad(index)}/customers.parquet`,
    /** Profiles of the customers extract's people in the shard's buckets with no order at all (prospects; a run before this had none). */
    shardProspects: (index: number) => `${root}shards/${pad(index)}/prospects.parquet`,
    prospects: `${root}prospects.parquet`,
    /** What Prepare made of which data set (PreparedShards), for the next run on the same data. */
    prepared: `${root}prepared.json`,
    scores: (index: number) => `${root}scores/${pad(index)}.parquet`,
    /** Each customer of the shard and the segments WriteShard gave it. */
    memberships: (index: number) => `${root}memberships/${pad(index)}.parquet`,
    /** What WriteShard did, segment sizes included (kept out of the Map's results, which Step Functions caps at 256 KiB). */
    shardSummary: (index: number) => `${root}write-summaries/${pad(index)}.json`,
    population: `${root}population.json`,
    /** The configuration the run went by (empty: the defaults); the fallback when a later upload of the file is invalid. */
    config: `${root}config.yaml`,
    report: `${PREFIXES.reports}runs/${runId}.json`,
    /** Every segment's KPIs of the run, one row each. */
    segmentKpis: `${PREFIXES.reports}runs/${runId}.segment-kpis.parquet`,
  };
};
