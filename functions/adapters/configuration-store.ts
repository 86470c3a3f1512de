import { ConfigurationError, DEFAULT_SEGMENTS_CONFIG, parseSegmentsConfig, type SegmentsConfig } from '../../models/config/index.js';
import { PREFIXES } from '../shared/storage-layout.js';
import type { S3ObjectStore } from './s3-object-store.js';

/** The one configuration file, read at the start of every ingest and run. */
export const CONFIG_KEY = `${PREFIXES.config}segments.config.yaml`;

/** The stored configuration, or the defaults when none was uploaded; a bad file raises ConfigurationError. */
export async function readConfiguration(store: Pick<S3ObjectStore, 'get' | 'bucket'>): Promise<SegmentsConfig> {
  const bytes = await store.get(CONFIG_KEY);
  if (!bytes) return DEFAULT_SEGMENTS_CONFIG;
  return parseSegmentsConfig(new TextDecoder().decode(bytes), `s3://${store.bucket}/${CONFIG_KEY}`);
}

/**
 * The configuration a scoring run goes by: the copy Prepare kept at `runCopyKey`
 * (runs/<run>/config.yaml), so every stage of one run reads the same file; a run started before
 * copies were kept reads the stored file.
 */
export async function readRunConfiguration(store: Pick<S3ObjectStore, 'get' | 'bucket'>, runCopyKey: string): Promise<SegmentsConfig> {
  const bytes = await store.get(runCopyKey);
  if (!bytes) return readConfiguration(store);
  return parseSegmentsConfig(new TextDecoder().decode(bytes), `s3://${store.bucket}/${runCopyKey}`);
}

/** The configuration a run or an upload goes by, and where it came from. */
export interface ConfigurationInForce {
  config: SegmentsConfig;
  /** The file's text as read (null for the defaults), so a run can keep the copy it used. */
  text: string | null;
  /** The key read: CONFIG_KEY, or the previous run's copy when the stored file is invalid. */
  source: string;
  /** Why the stored file is not in force (its errors), when it is not. */
  problem?: string;
}

/**
 * The stored configuration, or, when that file is invalid, the copy the last published run went
 * by (`fallbackKey`, e.g. runs/<run>/config.yaml): a bad upload leaves the previous valid
 * configuration in force and says why. Without a valid copy to fall back on, the error stands.
 */
export async function resolveConfiguration(store: Pick<S3ObjectStore, 'get' | 'bucket'>, fallbackKey: string | null): Promise<ConfigurationInForce> {
  const bytes = await store.get(CONFIG_KEY);
  if (!bytes) return { config: DEFAULT_SEGMENTS_CONFIG, text: null, source: 'defaults (no configuration file stored)' };
  const text = new TextDecoder().decode(bytes);
  try {
    return { config: parseSegmentsConfig(text, `s3://${store.bucket}/${CONFIG_KEY}`), text, source: CONFIG_KEY };
  } catch (error) {
    if (!(error instanceof ConfigurationError) || fallbackKey === null) throw error;
    const previous = await store.get(fallbackKey);
    if (!previous) throw error;
    const previousText = new TextDecoder().decode(previous);
    return {
      config: parseSegmentsConfig(previousText, `s3://${store.bucket}/${fallbackKey}`),
      text: previousText,
      source: fallbackKey,
      problem: `${error.message}\nThe configuration of the last published run (${fallbackKey}) stays in force until the file is fixed.`,
    };
  }
}
