/**
 * Single-table design for the segments table.
 *
 * - customer score item:    pk=CUSTOMER#<id>  sk=SCORE
 * - segment membership:     pk=CUSTOMER#<id>  sk=SEGMENT#<segmentId>   gsi1pk=SEGMENT#<segmentId> gsi1sk=CUSTOMER#<id>
 * - segment catalogue:      pk=CATALOG sk=SEGMENTS (definitions and sizes of the last run)
 *
 * Memberships live in the customer's own item collection so that deleting a customer
 * (GDPR/CCPA) is one Query on its pk; the inverted index lists a segment's members
 * page by page without a Scan.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const SEGMENT_MEMBERS_INDEX = {
  indexName: 'segment-members',
  partitionKey: 'gsi1pk',
  sortKey: 'gsi1sk',
} as const;

const CUSTOMER = 'CUSTOMER#';
const SEGMENT = 'SEGMENT#';

export const tableKeys = {
  customerScore: (customerId: string) => ({ pk: `${CUSTOMER}${customerId}`, sk: 'SCORE' }),
  membership: (customerId: string, segmentId: string) => ({
    pk: `${CUSTOMER}${customerId}`,
    sk: `${SEGMENT}${segmentId}`,
    gsi1pk: `${SEGMENT}${segmentId}`,
    gsi1sk: `${CUSTOMER}${customerId}`,
  }),
  segmentCatalog: () => ({ pk: 'CATALOG', sk: 'SEGMENTS' }),
  segmentMembersPartition: (segmentId: string) => `${SEGMENT}${segmentId}`,
  customerIdFromKey: (key: string) => key.slice(CUSTOMER.length),
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
