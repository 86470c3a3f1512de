import { decodeS3Key } from '../shared/s3-key.js';

/** One version of one uploaded object, as an S3 ObjectCreated notification announces it. */
export interface UploadRef {
  bucket: string;
  /** The raw object key (decoded from the event's URL encoding). */
  key: string;
  /** Set in a versioned bucket. */
  versionId?: string;
  eTag: string;
  size?: number;
  /** Orders events on one key: a later write has a greater sequencer (compared padded, as S3 documents). */
  sequencer: string;
  eventTime: string;
}

/** Names the version in keys and the manifest: the S3 version id, or the ETag in an unversioned bucket. */
export const versionTagOf = (ref: Pick<UploadRef, 'versionId' | 'eTag'>): string =>
  ref.versionId ? `version-${ref.versionId}` : `etag-${ref.eTag.replaceAll('"', '')}`;

/** S3 sequencers are hex strings of varying length; padded on the left they compare as strings. */
export const comparableSequencer = (sequencer: string): string => sequencer.toUpperCase().padStart(40, '0');

interface S3EventRecordLike {
  eventTime: string;
  s3: { bucket: { name: string }; object: { key: string; versionId?: string | undefined; eTag?: string | undefined; size?: number | undefined; sequencer?: string | undefined } };
}

export function uploadRefFromRecord(record: S3EventRecordLike): UploadRef {
  const { object } = record.s3;
  // Events without a sequencer (copies from other tools) order by their time, in the same padded form.
  const sequencer = object.sequencer ?? (BigInt(Date.parse(record.eventTime)) * 1_000_000n).toString(16);
  return {
    bucket: record.s3.bucket.name,
    key: decodeS3Key(object.key),
    ...(object.versionId ? { versionId: object.versionId } : {}),
    eTag: (object.eTag ?? '').replaceAll('"', ''),
    ...(object.size !== undefined ? { size: object.size } : {}),
    sequencer: comparableSequencer(sequencer),
    eventTime: record.eventTime,
  };
}
