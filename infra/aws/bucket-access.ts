import { type Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { RunTaskState } from '../../functions/run/run-contract.js';
import { PREFIXES } from '../../functions/shared/storage-layout.js';

export type StoragePrefix = (typeof PREFIXES)[keyof typeof PREFIXES];

/**
 * Which prefixes of the data bucket a function may read and write.
 * Writing is put-only: no function can delete objects, so uploads under incoming/
 * and past models stay recoverable (the bucket is versioned as well).
 */
export interface BucketAccess {
  readonly read: readonly StoragePrefix[];
  readonly write: readonly StoragePrefix[];
}

/** Ingest validates one upload and records it; scoring is the state machine's. */
export const INGEST_BUCKET_ACCESS: BucketAccess = {
  // runs/: the last published run's copy of the configuration, in force while the stored file is invalid;
  // state/suppression/: the people deletion requests forgot, whose rows ingest drops.
  read: [PREFIXES.incoming, PREFIXES.config, PREFIXES.runs, PREFIXES.suppression],
  write: [PREFIXES.clean, PREFIXES.quarantine, PREFIXES.rejected, PREFIXES.reports],
};

/**
 * The nightly function checks the day against the manifest (DynamoDB) and starts a run; it reads the
 * configuration only for its schedule switch (`schedule.enabled`).
 */
export const RESCORE_BUCKET_ACCESS: BucketAccess = {
  read: [PREFIXES.config],
  write: [],
};

/**
 * A deletion request reads its list under incoming/deletions/ (no other upload: raw uploads are
 * never read or changed), rewrites every derived object that holds the people (clean data,
 * quarantine, audiences, run files, exports, reports), voids the table ledgers and adds to the
 * suppression list. Put-only like every function: rewriting replaces objects, nothing is deleted.
 */
export const FORGET_BUCKET_ACCESS: BucketAccess = {
  read: [PREFIXES.deletions, PREFIXES.clean, PREFIXES.quarantine, PREFIXES.audiences, PREFIXES.runs, PREFIXES.exports, PREFIXES.reports, PREFIXES.tableLedgers, PREFIXES.suppression],
  write: [PREFIXES.clean, PREFIXES.quarantine, PREFIXES.audiences, PREFIXES.runs, PREFIXES.exports, PREFIXES.reports, PREFIXES.tableLedgers, PREFIXES.suppression],
};

/**
 * Each stage of the scoring run reads and writes only what its step needs: Prepare snapshots the
 * clean data into runs/, the shard stages work inside runs/, and only Train writes models/.
 */
export const RUN_STAGE_BUCKET_ACCESS: Readonly<Record<RunTaskState, BucketAccess>> = {
  Start: { read: [], write: [] },
  Prepare: { read: [PREFIXES.clean, PREFIXES.config, PREFIXES.models, PREFIXES.runs], write: [PREFIXES.runs] },
  Train: { read: [PREFIXES.runs, PREFIXES.models], write: [PREFIXES.models, PREFIXES.reports] },
  ScoreShard: { read: [PREFIXES.runs, PREFIXES.models, PREFIXES.config], write: [PREFIXES.runs, PREFIXES.reports] },
  Segment: { read: [PREFIXES.runs], write: [PREFIXES.runs] },
  // The table ledgers under state/ let a shard diff against what it wrote last time instead of reading the table back.
  WriteShard: { read: [PREFIXES.runs, PREFIXES.tableLedgers], write: [PREFIXES.runs, PREFIXES.tableLedgers] },
  // The lookalike audience and the scores export are rebuilt from the run's files, and the report names the model.
  Publish: { read: [PREFIXES.runs, PREFIXES.models, PREFIXES.suppression], write: [PREFIXES.reports, PREFIXES.audiences, PREFIXES.exports, PREFIXES.runs] },
  Abandon: { read: [], write: [PREFIXES.reports] },
};

/** The object key pattern a prefix grant covers, e.g. `clean/*`. */
export const keyPatternOf = (prefix: StoragePrefix): string => `${prefix}*`;

export const OBJECT_READ_ACTIONS = ['s3:GetObject'] as const;
/** PutObject also covers the multipart upload calls except aborting one. */
export const OBJECT_WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload'] as const;

/**
 * Grants exactly these actions rather than `bucket.grantRead`/`grantPut`, whose action
 * sets (`s3:GetObject*`, `s3:GetBucket*`, `s3:List*`, `s3:Abort*`) would also let a
 * function list every prefix of the bucket. Listing is limited to the readable prefixes
 * with the `s3:prefix` condition. The bucket uses SSE-S3, so no KMS grant is needed.
 */
export const grantBucketAccess = (bucket: IBucket, policy: Policy, access: BucketAccess): void => {
  if (access.read.length > 0) {
    const readablePatterns = access.read.map(keyPatternOf);
    policy.addStatements(
      new PolicyStatement({
        actions: [...OBJECT_READ_ACTIONS],
        resources: readablePatterns.map((pattern) => bucket.arnForObjects(pattern)),
      }),
    );
    policy.addStatements(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': readablePatterns } },
      }),
    );
  }
  if (access.write.length > 0) {
    policy.addStatements(
      new PolicyStatement({
        actions: [...OBJECT_WRITE_ACTIONS],
        resources: access.write.map((prefix) => bucket.arnForObjects(keyPatternOf(prefix))),
      }),
    );
  }
};
