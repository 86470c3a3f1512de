import type { ColumnMappingConfig } from '../../../../models/config/index.js';
import { EXTRACT_KINDS, type ExtractKind } from '../../../../functions/shared/storage-layout.js';

export class InvalidMappingError extends Error {
  override readonly name = 'InvalidMappingError';
}

/** `--map orders.amount=Total` -> { orders: { amount: 'Total' } }; a bare `amount=Total` means orders. */
export function parseColumnMappings(entries: string[]): ColumnMappingConfig {
  const config: ColumnMappingConfig = {};
  for (const entry of entries) {
    const match = /^(?:(\w+)\.)?(\w+)=(.+)$/.exec(entry);
    if (!match) throw new InvalidMappingError(`--map ${entry}: expected [kind.]column=Header, e.g. orders.amount=Total`);
    const kind = (match[1] ?? 'orders') as ExtractKind;
    if (!EXTRACT_KINDS.includes(kind)) throw new InvalidMappingError(`--map ${entry}: kind must be one of ${EXTRACT_KINDS.join(', ')}`);
    config[kind] = { ...config[kind], [match[2]!]: match[3]! };
  }
  return config;
}
