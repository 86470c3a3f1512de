import { z } from 'zod';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import { PREFIXES } from '../shared/storage-layout.js';

/** `config/column-mapping.json`: per extract kind, canonical column -> the header used in the data team's files. */
const ColumnMappingConfig = z.object({
  orders: z.record(z.string(), z.string()).optional(),
  customers: z.record(z.string(), z.string()).optional(),
  prospects: z.record(z.string(), z.string()).optional(),
});
export type ColumnMappingConfig = z.infer<typeof ColumnMappingConfig>;

export const COLUMN_MAPPING_KEY = `${PREFIXES.config}column-mapping.json`;

export class InvalidConfigurationError extends Error {
  override readonly name = 'InvalidConfigurationError';
}

export async function readColumnMapping(store: S3ObjectStore): Promise<ColumnMappingConfig> {
  const bytes = await store.get(COLUMN_MAPPING_KEY);
  if (!bytes) return {};
  try {
    return ColumnMappingConfig.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (error) {
    throw new InvalidConfigurationError(`${COLUMN_MAPPING_KEY} is not a valid column mapping.`, { cause: error });
  }
}
