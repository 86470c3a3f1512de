import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ArtefactStore } from '../../models/churn-clv/model-registry.js';

export class ObjectStoreError extends Error {
  override readonly name = 'ObjectStoreError';
}

/** The version of an object an event announced, if it is still the key's current one. */
export type CurrentVersionDownload =
  | { status: 'downloaded'; bytes: number; eTag: string; versionId: string | null }
  | { status: 'missing' }
  | { status: 'superseded'; currentETag: string; currentVersionId: string | null };

const isMissing = (error: unknown): boolean =>
  error instanceof NoSuchKey || ['NoSuchKey', 'NotFound', 'NoSuchVersion'].includes((error as { name?: string }).name ?? '');
const bareETag = (eTag: string | undefined): string => (eTag ?? '').replaceAll('"', '');

/** The data bucket as the pipeline sees it: small objects as bytes, extracts as files. */
export class S3ObjectStore implements ArtefactStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isMissing(error)) return null;
      throw new ObjectStoreError(`Could not read s3://${this.bucket}/${key}`, { cause: error });
    }
  }

  async put(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async download(key: string, path: string): Promise<number> {
    const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!response.Body) throw new ObjectStoreError(`s3://${this.bucket}/${key} has no body.`);
    await pipeline(response.Body as Readable, createWriteStream(path));
    return (await stat(path)).size;
  }

  /**
   * Downloads the key's current version when it is the one expected (same version id, or same
   * ETag in an unversioned bucket). An object deleted since, or replaced by a newer upload, is
   * reported rather than read: the newer upload's own event brings that one.
   */
  async downloadCurrentVersion(key: string, path: string, expected: { versionId?: string; eTag: string }): Promise<CurrentVersionDownload> {
    let response;
    try {
      response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isMissing(error)) return { status: 'missing' };
      throw new ObjectStoreError(`Could not read s3://${this.bucket}/${key}`, { cause: error });
    }
    const eTag = bareETag(response.ETag);
    const versionId = response.VersionId ?? null;
    // A bucket without versioning (or an emulator) returns no version id: the ETag decides then.
    const same = expected.versionId && versionId ? versionId === expected.versionId : eTag === bareETag(expected.eTag);
    if (!same) {
      (response.Body as Readable | undefined)?.destroy();
      return { status: 'superseded', currentETag: eTag, currentVersionId: versionId };
    }
    if (!response.Body) throw new ObjectStoreError(`s3://${this.bucket}/${key} has no body.`);
    await pipeline(response.Body as Readable, createWriteStream(path));
    return { status: 'downloaded', bytes: (await stat(path)).size, eTag, versionId };
  }

  async upload(key: string, path: string, contentType: string): Promise<void> {
    const { size } = await stat(path);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: createReadStream(path), ContentLength: size, ContentType: contentType }),
    );
  }

  /** The object's ETag (quotes removed), or null when there is no such key. */
  async eTag(key: string): Promise<string | null> {
    try {
      return bareETag((await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))).ETag);
    } catch (error) {
      if (isMissing(error)) return null;
      throw new ObjectStoreError(`Could not look at s3://${this.bucket}/${key}`, { cause: error });
    }
  }

  /** Copies an object inside the bucket (S3 copies it; nothing passes through here). */
  async copy(fromKey: string, toKey: string): Promise<void> {
    const source = `${this.bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`;
    await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: source }));
  }

  async list(prefix: string): Promise<{ key: string; size: number }[]> {
    const objects: { key: string; size: number }[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) if (o.Key) objects.push({ key: o.Key, size: o.Size ?? 0 });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }
}
