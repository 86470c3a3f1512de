/** Thrown for a shard count that cannot split the buckets, or a bucket outside them. */
export class PartitioningError extends Error {
  override readonly name = 'PartitioningError';
}
