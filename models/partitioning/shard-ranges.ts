import { BUCKET_COUNT } from './bucket-of.js';
import { PartitioningError } from './partitioning-error.js';

/** Buckets [fromBucket, toBucket). */
export interface BucketRange {
  fromBucket: number;
  toBucket: number;
}

/** Splits the buckets into `shards` contiguous ranges, in order, whose sizes differ by at most one. */
export function shardRanges(shards: number): BucketRange[] {
  if (!Number.isInteger(shards) || shards < 1 || shards > BUCKET_COUNT) {
    throw new PartitioningError(`A run has between 1 and ${BUCKET_COUNT} shards, not ${shards}.`);
  }
  return Array.from({ length: shards }, (_, index) => ({
    fromBucket: Math.floor((index * BUCKET_COUNT) / shards),
    toBucket: Math.floor(((index + 1) * BUCKET_COUNT) / shards),
  }));
}

/**
 * A DuckDB expression giving the index of the `shardRanges(shards)` range that holds the INTEGER
 * bucket `bucketExpr`: the last range starting at or before it, floor(((bucket + 1) * shards - 1) / BUCKET_COUNT).
 */
export function shardOfBucketSql(bucketExpr: string, shards: number): string {
  shardRanges(shards);
  return `CAST(((${bucketExpr}) + 1) * ${shards} - 1 AS BIGINT) // ${BUCKET_COUNT}`;
}

/** Checks a range is a non-empty part of [0, BUCKET_COUNT) and returns it. */
export function checkBucketRange(range: BucketRange): BucketRange {
  const { fromBucket, toBucket } = range;
  if (!Number.isInteger(fromBucket) || !Number.isInteger(toBucket) || fromBucket < 0 || toBucket > BUCKET_COUNT || fromBucket >= toBucket) {
    throw new PartitioningError(`Buckets [${fromBucket}, ${toBucket}) are not a non-empty range of [0, ${BUCKET_COUNT}).`);
  }
  return range;
}
