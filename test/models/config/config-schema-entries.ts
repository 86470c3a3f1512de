import type { z } from 'zod';
import { SegmentsConfigSchema } from '../../../models/config/index.js';

export interface ConfigEntry {
  /** Dotted path in the file, e.g. `scoring.horizonDays`. */
  path: string;
  /** The default as the README's reference shows it (JSON), or `(none)` for an entry without one. */
  shownDefault: string;
}

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  defaultValue?: unknown;
}

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { def: ZodDef }).def;

/**
 * Every entry of the configuration file down to its leaves (objects are walked through their defaults,
 * optionals and nullables; records, arrays and unions are leaves), with the default zod fills in.
 */
export function configEntries(schema: z.ZodType = SegmentsConfigSchema): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const walk = (node: z.ZodType, path: string, fallback: unknown, hasDefault: boolean): void => {
    const def = defOf(node);
    if (def.type === 'default' && def.innerType) {
      const value = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
      return walk(def.innerType, path, value, true);
    }
    if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) return walk(def.innerType, path, fallback, hasDefault);
    if (def.type === 'pipe' && def.in) return walk(def.in, path, fallback, hasDefault);
    if (def.type === 'object') {
      const shape = (node as unknown as { shape: Record<string, z.ZodType> }).shape;
      // A default given to the whole object (`churn: { medium: 0.5, high: 0.9 }`) is its entries' default too.
      const parent = hasDefault && typeof fallback === 'object' && fallback !== null ? (fallback as Record<string, unknown>) : {};
      for (const [key, child] of Object.entries(shape)) walk(child, path ? `${path}.${key}` : key, parent[key], key in parent);
      return;
    }
    entries.push({ path, shownDefault: hasDefault ? JSON.stringify(fallback) : '(none)' });
  };
  walk(schema, '', undefined, false);
  return entries;
}
