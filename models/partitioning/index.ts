export { BUCKET_COUNT, bucketOf, bucketSql } from './bucket-of.js';
export { PartitioningError } from './partitioning-error.js';
export { checkBucketRange, shardOfBucketSql, shardRanges } from './shard-ranges.js';
export type { BucketRange } from './shard-ranges.js';
