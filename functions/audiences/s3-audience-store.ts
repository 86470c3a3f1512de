import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { AUDIENCE_MANIFEST_FILE } from '../../models/audiences/audience-version.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { PREFIXES } from '../shared/storage-layout.js';
import {
  audienceKeyPrefix,
  manifestKeyVersion,
  versionFileKey,
  type AudienceStore,
  type AudienceVersionRef,
  type StoredRange,
} from './audience-store.js';
import { AudienceStoreError } from './errors.js';

const errorName = (error: unknown): string => (error as { name?: string; Code?: string }).name ?? '';
const isMissing = (error: unknown): boolean => ['NoSuchKey', 'NotFound'].includes(errorName(error));
/** S3 answers a range that starts at or past the end of the object with 416 InvalidRange. */
const isRangePastEnd = (error: unknown): boolean =>
  errorName(error) === 'InvalidRange' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 416;

/** `bytes a-b/size` (Content-Range) → size. */
const sizeFromContentRange = (contentRange: string | undefined): number | null => {
  const size = Number(contentRange?.split('/')[1]);
  return Number.isInteger(size) ? size : null;
};

/**
 * Audience versions in the data bucket. Member pages are read with ranged GETs, so a page of a
 * large file costs a page's bytes, not the file's. Nothing is cached: `segments forget` may
 * rewrite a version, and a forgotten person must not be served from a warm container.
 */
export class S3AudienceStore implements AudienceStore {
  private readonly objects: S3ObjectStore;

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {
    this.objects = new S3ObjectStore(client, bucket);
  }

  async completeVersions(audienceId?: string): Promise<AudienceVersionRef[]> {
    const keys = await this.objects.list(audienceId === undefined ? PREFIXES.audiences : audienceKeyPrefix(audienceId));
    return keys.map(({ key }) => manifestKeyVersion(key)).filter((version): version is AudienceVersionRef => version !== null);
  }

  async readManifest(version: AudienceVersionRef): Promise<Uint8Array | null> {
    return this.objects.get(versionFileKey(version, AUDIENCE_MANIFEST_FILE));
  }

  async readRange(version: AudienceVersionRef, file: string, start: number, end: number): Promise<StoredRange | null> {
    const key = versionFileKey(version, file);
    if (end <= start) throw new RangeError(`Empty range [${start}, ${end}) of ${key}`);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end - 1}` }));
      const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
      // An emulator that ignores Range sends the whole object (200, no Content-Range).
      const size = sizeFromContentRange(response.ContentRange);
      if (size === null) return { bytes: bytes.subarray(Math.min(start, bytes.length), Math.min(end, bytes.length)), size: bytes.length };
      return { bytes, size };
    } catch (error) {
      if (isMissing(error)) return null;
      // Nothing from `start` on: the object ends at or before it, which is all a reader needs to know.
      if (isRangePastEnd(error)) return { bytes: new Uint8Array(), size: start };
      throw new AudienceStoreError(`Could not read bytes ${start}-${end - 1} of s3://${this.bucket}/${key}`, { cause: error });
    }
  }
}
