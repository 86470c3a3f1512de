import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isMap, parseDocument, type Document } from 'yaml';
import { CONFIG_KEY } from '../../../functions/adapters/configuration-store.js';
import type { ExtractKind } from '../../../functions/shared/storage-layout.js';
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

/** The stored configuration's column mapping: {} when no file is stored (a stored file that does not validate raises ConfigurationError). */
export async function readStoredColumnMapping(s3: S3Client, bucket: string): Promise<ColumnMappingConfig> {
  const text = await readStoredConfigurationText(s3, bucket);
  return text === null ? {} : parseSegmentsConfig(text, CONFIG_KEY).mapping;
}

/** What `config mapping clear` removes: the whole mapping, one kind's, or one column's. */
export interface MappingTarget {
  kind?: ExtractKind;
  column?: string;
}

/**
 * Removes the target from the stored file's `mapping` section (and a kind or section left empty),
 * keeping every other entry and comment, and returns what was removed; with nothing to remove the
 * file is not written. The column need not be one the schema knows, so a stale entry that makes
 * the file invalid can be cleared; the result is stored only if it validates.
 */
export async function clearColumnMapping(s3: S3Client, bucket: string, target: MappingTarget): Promise<ColumnMappingConfig> {
  const text = await readStoredConfigurationText(s3, bucket);
  if (text === null) return {};
  const document = parseDocument(text);
  const removed = mappingEntries(document, target);
  if (Object.keys(removed).length === 0) return {};
  const path = ['mapping', ...(target.kind ? [target.kind] : []), ...(target.kind && target.column ? [target.column] : [])];
  document.deleteIn(path);
  if (target.kind && isEmptyMap(document.getIn(['mapping', target.kind]))) document.deleteIn(['mapping', target.kind]);
  if (isEmptyMap(document.getIn(['mapping']))) document.deleteIn(['mapping']);
  await storeDocument(s3, bucket, document);
  return removed;
}

const isEmptyMap = (node: unknown): boolean => isMap(node) && node.items.length === 0;

/** The `mapping` entries of a parsed file that the target covers, as written (not validated). */
function mappingEntries(document: Document, target: MappingTarget): ColumnMappingConfig {
  const mapping: unknown = document.toJS()?.mapping;
  if (!mapping || typeof mapping !== 'object') return {};
  const result: Record<string, Record<string, string>> = {};
  for (const [kind, columns] of Object.entries(mapping as Record<string, unknown>)) {
    if (target.kind && kind !== target.kind) continue;
    if (!columns || typeof columns !== 'object') continue;
    for (const [column, header] of Object.entries(columns as Record<string, unknown>)) {
      if (target.column && column !== target.column) continue;
      (result[kind] ??= {})[column] = String(header);
    }
  }
  return result as ColumnMappingConfig;
}

async function storeEntries(s3: S3Client, bucket: string, entries: readonly (readonly [readonly string[], unknown])[]): Promise<void> {
  const document = parseDocument(await readText(s3, bucket));
  for (const [path, value] of entries) document.setIn([...path], value);
  await storeDocument(s3, bucket, document);
}

async function storeDocument(s3: S3Client, bucket: string, document: Document): Promise<void> {
  const text = document.toString();
  parseSegmentsConfig(text, CONFIG_KEY);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: CONFIG_KEY, Body: text, ContentType: 'application/yaml' }));
}
