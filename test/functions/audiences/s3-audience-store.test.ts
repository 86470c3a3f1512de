import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3AudienceStore } from '../../../functions/audiences/index.js';
import { startEmbeddedAws, type EmbeddedAws } from '../../../infra/local/runtime/index.js';

const stateDir = mkdtempSync(join(tmpdir(), 'segments-audience-store-'));
let aws: EmbeddedAws;
let store: S3AudienceStore;
const put = (key: string, body: string) => aws.s3.send(new PutObjectCommand({ Bucket: aws.bucket, Key: key, Body: body }));

beforeAll(async () => {
  aws = await startEmbeddedAws({ stateDir });
  store = new S3AudienceStore(aws.s3, aws.bucket);
  await put('audiences/a/versions/r2/meta.csv', '0123456789');
  await put('audiences/a/versions/r2/manifest.json', '{}');
  await put('audiences/a/versions/r3/meta.csv', 'being written');
  await put('audiences/b/versions/r1/manifest.json', '{}');
  // The single-file layout of earlier releases, and a stray key: neither is a version.
  await put('audiences/lookalike/top-10pct-clv/2024-12-31.csv', 'rank,similarity');
  await put('audiences/b/versions/r1/nested/manifest.json', '{}');
});
afterAll(async () => {
  await aws.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('S3AudienceStore', () => {
  it('lists the versions whose manifest exists, of every audience or of one', async () => {
    const all = await store.completeVersions();

    expect(all.sort((x, y) => x.audienceId.localeCompare(y.audienceId))).toEqual([
      { audienceId: 'a', versionId: 'r2' },
      { audienceId: 'b', versionId: 'r1' },
    ]);
    expect(await store.completeVersions('a')).toEqual([{ audienceId: 'a', versionId: 'r2' }]);
    expect(await store.completeVersions('c')).toEqual([]);
  });

  it('reads byte ranges with the object size, clamped at its end, and null for a missing file', async () => {
    const version = { audienceId: 'a', versionId: 'r2' };
    const text = (range: { bytes: Uint8Array; size: number } | null) => range && { text: Buffer.from(range.bytes).toString(), size: range.size };

    expect(text(await store.readRange(version, 'meta.csv', 2, 5))).toEqual({ text: '234', size: 10 });
    expect(text(await store.readRange(version, 'meta.csv', 8, 100))).toEqual({ text: '89', size: 10 });
    expect(text(await store.readRange(version, 'meta.csv', 10, 20))).toEqual({ text: '', size: 10 });
    expect(await store.readRange(version, 'google.csv', 0, 10)).toBeNull();
    expect(new TextDecoder().decode((await store.readManifest(version)) ?? undefined)).toBe('{}');
    expect(await store.readManifest({ audienceId: 'a', versionId: 'r3' })).toBeNull();
  });
});
