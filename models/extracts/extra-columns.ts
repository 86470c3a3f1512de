import type { ExtractSchema } from './extract-schemas.js';
import type { ResolvedColumns } from './resolve-columns.js';

/** A column of a profile extract that is not one of the schema's: kept, as text, under a snake_case name. */
export interface ExtraColumn {
  /** The header as the file has it. */
  header: string;
  /** Its name in the clean data, the configuration (`profile.columns`) and segment rules: `Web Sessions` -> `web_sessions`. */
  column: string;
}

/** Kinds whose other columns are kept: profiles carry what a data team knows about people (sessions, interests, consent flags). */
const KEEPS_EXTRA_COLUMNS: ReadonlySet<ExtractSchema['kind']> = new Set(['customers', 'prospects']);

/** `Web Sessions (30d)` -> `web_sessions_30d`; a name that would start with a digit gets a `c_` prefix. */
export function extraColumnName(header: string): string {
  const snake = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (snake.length === 0) return 'column';
  return /^[0-9]/.test(snake) ? `c_${snake}` : snake;
}

/**
 * The file's columns that no schema column was read from, with the names they keep in the clean
 * data. A name already taken (by a schema column or an earlier extra) gets `_2`, `_3`, ...
 */
export function extraColumnsOf(headers: readonly string[], schema: ExtractSchema, resolved: ResolvedColumns): ExtraColumn[] {
  if (!KEEPS_EXTRA_COLUMNS.has(schema.kind)) return [];
  const used = new Set<string>([...Object.values(resolved.mapping), ...Object.values(resolved.lineItems ?? {})]);
  const taken = new Set(schema.columns.map((c) => c.name));
  const extras: ExtraColumn[] = [];
  for (const header of headers) {
    if (used.has(header)) continue;
    const base = extraColumnName(header);
    let column = base;
    for (let n = 2; taken.has(column); n++) column = `${base}_${n}`;
    taken.add(column);
    extras.push({ header, column });
  }
  return extras;
}
