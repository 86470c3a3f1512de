import { DEFAULT_SEGMENTS_CONFIG, parseSegmentsConfig, type SegmentsConfig } from '../../models/config/index.js';
import { PREFIXES } from '../shared/storage-layout.js';
import type { S3ObjectStore } from './s3-object-store.js';

/** The one configuration file, read at the start of every ingest and run. */
export const CONFIG_KEY = `${PREFIXES.config}segments.config.yaml`;

/** The stored configuration, or the defaults when none was uploaded; a bad file raises ConfigurationError. */
export async function readConfiguration(store: S3ObjectStore): Promise<SegmentsConfig> {
  const bytes = await store.get(CONFIG_KEY);
  if (!bytes) return DEFAULT_SEGMENTS_CONFIG;
  return parseSegmentsConfig(new TextDecoder().decode(bytes), `s3://${store.bucket}/${CONFIG_KEY}`);
}
