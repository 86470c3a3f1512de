import { bucketOf } from '../../models/partitioning/index.js';

/**
 * Single-table design for the segments table.
 *
 * - customer score item:  pk=B#<bucket>  sk=C#<customerId>#SCORE
 * - segment membership:   pk=B#<bucket>  sk=C#<customerId>#S#<segmentId>
 *                         gsi1pk=SEGMENT#<segmentId>#<bucket % MEMBER_INDEX_SHARDS>  gsi1sk=C#<customerId>
 * - run record:           pk=RUN#<runId> sk=RUN      (status running|succeeded|failed, asOf, startedAt, finishedAt)
 * - current-run pointer:  pk=RUN         sk=CURRENT  (runId, asOf, finishedAt of the last run that succeeded)
 * - segment catalogue:    pk=CATALOG     sk=SEGMENTS (definitions and sizes, and the runId that wrote it)
 *
 * A customer's items live in its hash bucket's partition (bucketOf, models/partitioning), so a
 * shard of a run reads everything it owns with one strongly consistent Query per bucket and a
 * customer's items (what a GDPR/CCPA deletion needs) are one Query on that partition. The
 * segment-members index is write-sharded so that a segment of millions of members is spread over
 * MEMBER_INDEX_SHARDS partitions; listing members pages across them, never a Scan.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const SEGMENT_MEMBERS_INDEX = {
  indexName: 'segment-members',
  partitionKey: 'gsi1pk',
  sortKey: 'gsi1sk',
} as const;

export const MEMBER_INDEX_SHARDS = 16;

const BUCKET = 'B#';
const CUSTOMER = 'C#';
const SEGMENT = 'SEGMENT#';

/** A membership's keys when the customer's bucket is known (a shard works bucket by bucket: one hash per customer, not per item). */
export const membershipKeysIn = (bucket: number, customerId: string, segmentId: string) => ({
  pk: `${BUCKET}${bucket}`,
  sk: `${CUSTOMER}${customerId}#S#${segmentId}`,
  gsi1pk: `${SEGMENT}${segmentId}#${bucket % MEMBER_INDEX_SHARDS}`,
  gsi1sk: `${CUSTOMER}${customerId}`,
});

const customerScoreSk = (customerId: string) => `${CUSTOMER}${customerId}#SCORE`;

export const tableKeys = {
  bucketPartition: (bucket: number) => `${BUCKET}${bucket}`,
  /** Begins the sort key of every item of the customer (and, rarely, of ids that extend it with `#`). */
  customerPrefix: (customerId: string) => `${CUSTOMER}${customerId}#`,
  customerScore: (customerId: string, bucket = bucketOf(customerId)) => ({ pk: `${BUCKET}${bucket}`, sk: customerScoreSk(customerId) }),
  /** The score item's sort key alone (no hash of the id, which only the partition key needs). */
  customerScoreSk,
  membership: (customerId: string, segmentId: string) => membershipKeysIn(bucketOf(customerId), customerId, segmentId),
  segmentMembersPartition: (segmentId: string, shard: number) => `${SEGMENT}${segmentId}#${shard}`,
  run: (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' }),
  currentRun: () => ({ pk: 'RUN', sk: 'CURRENT' }),
  segmentCatalog: () => ({ pk: 'CATALOG', sk: 'SEGMENTS' }),
};

/**
 * The upload manifest lives in the same table:
 * - one record per ingested version:   pk=UPLOAD#<key>  sk=VERSION#<versionTag>
 * - the current version of each key:   pk=MANIFEST      sk=UPLOAD#<key>
 * The manifest is one partition read with one paginated Query by every run; uploads number in
 * the thousands at most, far below what a partition serves.
 */
export const manifestKeys = {
  version: (key: string, versionTag: string) => ({ pk: `UPLOAD#${key}`, sk: `VERSION#${versionTag}` }),
  entry: (key: string) => ({ pk: 'MANIFEST', sk: `UPLOAD#${key}` }),
  partition: 'MANIFEST',
};
