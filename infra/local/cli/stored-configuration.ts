import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parseDocument } from 'yaml';
import { CONFIG_KEY } from '../../../functions/adapters/configuration-store.js';
import { parseSegmentsConfig, type ColumnMappingConfig } from '../../../models/config/index.js';

async function readText(s3: S3Client, bucket: string): Promise<string> {
  return (await readStoredConfigurationText(s3, bucket)) ?? '';
}

/** The stored configuration file's text, or null when none is stored. */
export async function readStoredConfigurationText(s3: S3Client, bucket: string): Promise<string | null> {
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: CONFIG_KEY }));
    return (await response.Body?.transformToString()) ?? '';
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null;
    throw error;
  }
}

/** Stores a whole configuration file, refusing one that does not validate (the error names `source`). */
export async function storeConfigurationText(s3: S3Client, bucket: string, text: string, source: string): Promise<void> {
  parseSegmentsConfig(text, source);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: CONFIG_KEY, Body: text, ContentType: 'application/yaml' }));
}

/**
 * Merges `--map` entries into the stored configuration file's `mapping` section, keeping every
 * other entry and comment, and refuses to store a result that does not validate.
 */
export async function storeColumnMapping(s3: S3Client, bucket: string, mapping: ColumnMappingConfig): Promise<void> {
  const entries = Object.entries(mapping).flatMap(([kind, columns]) => Object.entries(columns ?? {}).map(([column, header]) => [['mapping', kind, column], header] as const));
  await storeEntries(s3, bucket, entries);
}

/** Sets `scoring.horizonDays` in the stored configuration file, which every later run (the nightly one too) reads. */
export async function storeHorizonDays(s3: S3Client, bucket: string, horizonDays: number): Promise<void> {
  await storeEntries(s3, bucket, [[['scoring', 'horizonDays'], horizonDays]]);
}

async function storeEntries(s3: S3Client, bucket: string, entries: readonly (readonly [readonly string[], unknown])[]): Promise<void> {
  const document = parseDocument(await readText(s3, bucket));
  for (const [path, value] of entries) document.setIn([...path], value);
  const text = document.toString();
  parseSegmentsConfig(text, CONFIG_KEY);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: CONFIG_KEY, Body: text, ContentType: 'application/yaml' }));
}
