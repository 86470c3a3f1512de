import { hash } from 'node:crypto';

/**
 * Customers are spread over this many hash buckets; a shard of a run is a contiguous range of
 * them and each bucket is one partition of the segments table. Changing it moves every customer.
 */
export const BUCKET_COUNT = 4096;

/**
 * The customer's bucket: the first 4 bytes of the MD5 of the id's UTF-8 bytes, read big-endian,
 * modulo BUCKET_COUNT. Stored keys depend on it, so it must never change; `bucketSql` computes
 * the same number in DuckDB. The id is hashed as given (ingest has already NFC-normalised it).
 */
export function bucketOf(customerId: string): number {
  // crypto.hash, one call: a Hash object per id cost three times as much (every customer of a shard is bucketed).
  return hash('md5', customerId, 'buffer').readUInt32BE(0) % BUCKET_COUNT;
}

/** A DuckDB expression giving `bucketOf` of the VARCHAR expression `expr`, as an INTEGER. */
export function bucketSql(expr: string): string {
  return `CAST(CAST('0x' || substr(md5(${expr}), 1, 8) AS UBIGINT) % ${BUCKET_COUNT} AS INTEGER)`;
}
