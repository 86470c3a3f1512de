import { DELIMITER_CANDIDATES, guessDelimiter, splitCsvLine } from './csv-header-line.js';
import { ExtractRejectedError } from './extract-rejected-error.js';
import type { ColumnMapping, ResolvedColumns } from './resolve-columns.js';

/** A header name used by several columns, and the names DuckDB gave them (`amount`, `amount_1`...). */
export interface DuplicateHeader {
  header: string;
  columns: string[];
}

export interface HeaderReading {
  /** The delimiter that splits the header line into DuckDB's columns; null if that cannot be told. */
  delimiter: string | null;
  duplicates: DuplicateHeader[];
}

/**
 * DuckDB renames repeated header names, so the original names come from the header line: split
 * with the delimiter that gives DuckDB's column count, they pair with its columns by position.
 */
export function readHeader(headerLine: string, columns: readonly string[], sepDelimiter: string | null): HeaderReading {
  const guess = guessDelimiter(headerLine);
  const candidates = sepDelimiter ? [sepDelimiter] : [guess, ...DELIMITER_CANDIDATES.filter((d) => d !== guess)];
  for (const delimiter of candidates) {
    const names = splitCsvLine(headerLine, delimiter);
    if (names.length !== columns.length) continue;
    return { delimiter: sepDelimiter ?? (columns.length > 1 ? delimiter : null), duplicates: groupDuplicates(names, columns) };
  }
  return { delimiter: sepDelimiter, duplicates: duplicatesFromRenames(columns) };
}

function groupDuplicates(names: readonly string[], columns: readonly string[]): DuplicateHeader[] {
  // DuckDB compares column names case-insensitively: `Amount` repeats `amount`.
  const groups = new Map<string, number[]>();
  names.forEach((name, i) => {
    if (name === '') return;
    const key = name.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()]
    .filter((positions) => positions.length > 1)
    .map((positions) => ({
      header: names[positions[0] ?? 0] ?? '',
      columns: positions.map((i) => columns[i] ?? ''),
    }));
}

/** When the header line cannot be split as DuckDB did: `x_1`, `x_2` beside an `x` are taken as repeats of it. */
function duplicatesFromRenames(columns: readonly string[]): DuplicateHeader[] {
  const lower = new Set(columns.map((c) => c.toLowerCase()));
  const byBase = new Map<string, string[]>();
  for (const column of columns) {
    const base = /^(.+)_[0-9]+$/.exec(column)?.[1];
    if (!base || !lower.has(base.toLowerCase())) continue;
    const original = columns.find((c) => c.toLowerCase() === base.toLowerCase()) ?? base;
    byBase.set(original, [...(byBase.get(original) ?? [original]), column]);
  }
  return [...byBase].map(([header, renamed]) => ({ header, columns: renamed }));
}

/**
 * A schema column read from a repeated header is ambiguous: nothing says which of the columns
 * holds it. Mapping one of them explicitly settles it.
 */
export function assertUnambiguous(duplicates: readonly DuplicateHeader[], resolved: ResolvedColumns, userMapping: ColumnMapping = {}): void {
  const explicit = new Set(Object.values(userMapping));
  const used = [
    ...Object.entries(resolved.mapping),
    ...(resolved.lineItems ? [['quantity', resolved.lineItems.quantity] as const, ['unit price', resolved.lineItems.unitPrice] as const] : []),
  ];
  for (const [canonical, column] of used) {
    const duplicate = duplicates.find((d) => d.columns.includes(column));
    if (!duplicate || explicit.has(column)) continue;
    const hint = canonical in resolved.mapping ? `, or map one explicitly (for example --map ${resolved.kind}.${canonical}=${duplicate.columns[1]})` : '';
    throw new ExtractRejectedError(
      'ambiguous-columns',
      `${duplicate.columns.length} columns are named "${duplicate.header}" (read as ${duplicate.columns.join(', ')}), ` +
        `so which one holds ${canonical} is ambiguous. Rename them${hint}.`,
      { duplicateHeaders: duplicates, column: canonical },
    );
  }
}
