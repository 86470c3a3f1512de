import type { ColumnMappingConfig } from '../../../../models/config/index.js';
import { mappableColumns } from '../../../../models/extracts/index.js';
import { EXTRACT_KINDS, type ExtractKind } from '../../../../functions/shared/storage-layout.js';

/** A `--map` (or `config mapping`) entry the tool cannot use; exit 1 (usage). */
export class InvalidMappingError extends Error {
  override readonly name = 'InvalidMappingError';
}

/** Which extracts a command reads, and how its entries are introduced in messages. */
export interface MappingScope {
  /** With one kind, `column=Header` means that kind (backtest reads orders only). */
  kinds: readonly ExtractKind[];
  /** `--map` on the command line; `config mapping set` names its arguments without it. */
  option?: string;
}

export const ALL_KINDS: MappingScope = { kinds: EXTRACT_KINDS };

const ENTRY = /^(?:([^.=]+)\.)?([^.=]+)=(.*)$/s;

/** The form an entry takes in `scope`, for messages. */
export const expectedForm = (scope: MappingScope): string =>
  scope.kinds.length === 1 ? `[${scope.kinds[0]}.]<column>=<header>, e.g. amount=Total` : '<kind>.<column>=<header>, e.g. orders.amount=Total';

/**
 * The one syntax of a column mapping, for every command that reads extracts:
 * `orders.amount=Total` -> { orders: { amount: 'Total' } }. The kind may be left out only where the
 * command reads one kind. Kinds and canonical columns are checked (an unknown one is named with the
 * valid ones); the header is taken as written, less surrounding spaces (CSV headers are trimmed too).
 */
export function parseColumnMappings(entries: readonly string[], scope: MappingScope = ALL_KINDS): ColumnMappingConfig {
  const config: ColumnMappingConfig = {};
  for (const entry of entries) {
    const { kind, column, header } = parseEntry(entry, scope);
    const columns: Record<string, string> = (config[kind] ??= {});
    const label = scope.option ? `${scope.option} ` : '';
    if (columns[column] !== undefined && columns[column] !== header) {
      throw new InvalidMappingError(`${label}${kind}.${column} is mapped twice, to "${columns[column]}" and to "${header}"; keep one.`);
    }
    const other = Object.entries(columns).find(([c, h]) => c !== column && h === header);
    if (other) throw new InvalidMappingError(`${label}${kind}.${other[0]} and ${kind}.${column} are both mapped to "${header}"; a header holds one column.`);
    columns[column] = header;
  }
  return config;
}

function parseEntry(entry: string, scope: MappingScope): { kind: ExtractKind; column: string; header: string } {
  const spec = scope.option ? `${scope.option} "${entry}"` : `"${entry}"`;
  const match = ENTRY.exec(entry);
  if (!match) throw new InvalidMappingError(`${spec}: expected ${expectedForm(scope)}.`);
  const [, kindText, column = '', rawHeader = ''] = match;
  const header = rawHeader.trim();
  if (header === '') throw new InvalidMappingError(`${spec}: the header after "=" is empty; expected ${expectedForm(scope)}.`);
  const kind = kindText === undefined ? onlyKind(spec, column, header, scope) : knownKind(spec, kindText, scope);
  const valid = mappableColumns(kind);
  if (!valid.includes(column)) {
    throw new InvalidMappingError(`${spec}: ${kind} extracts have no column "${column}"; the columns that can be mapped are ${valid.join(', ')}.`);
  }
  return { kind, column, header };
}

function knownKind(spec: string, kind: string, scope: MappingScope): ExtractKind {
  if (!(EXTRACT_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidMappingError(`${spec}: "${kind}" is not an extract kind; use one of ${scope.kinds.join(', ')} (${expectedForm(scope)}).`);
  }
  if (!(scope.kinds as readonly string[]).includes(kind)) {
    throw new InvalidMappingError(`${spec}: this command reads only ${scope.kinds.join(', ')} extracts; expected ${expectedForm(scope)}.`);
  }
  return kind as ExtractKind;
}

/** A bare `column=Header`: the command's one kind, else a usage error suggesting the kinds that have the column. */
function onlyKind(spec: string, column: string, header: string, scope: MappingScope): ExtractKind {
  const [only] = scope.kinds;
  if (scope.kinds.length === 1 && only) return only;
  const having = scope.kinds.filter((kind) => mappableColumns(kind).includes(column));
  const suggestion = having.length > 0 ? ` (${having.map((kind) => `${kind}.${column}=${header}`).join(' or ')})` : '';
  throw new InvalidMappingError(`${spec}: say which extract the column is in${suggestion}; expected ${expectedForm(scope)}.`);
}

/** `orders.amount=Total` lines, one per mapped column, in kind order: what `config mapping` prints. */
export function formatColumnMappings(config: ColumnMappingConfig): string[] {
  return EXTRACT_KINDS.flatMap((kind) => Object.entries(config[kind] ?? {}).map(([column, header]) => `${kind}.${column}=${header}`));
}

/**
 * What `config mapping clear` names: nothing (the whole mapping), a kind (`orders`) or one column
 * (`orders.amount`). The column is not checked against the schema, so a stale entry can be cleared.
 */
export function parseMappingTarget(target: string | undefined): { kind?: ExtractKind; column?: string } {
  if (target === undefined) return {};
  const match = /^([^.]+)(?:\.(\w+))?$/.exec(target);
  const kind = match?.[1];
  if (!match || !kind || !(EXTRACT_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidMappingError(`"${target}": expected a kind (${EXTRACT_KINDS.join(', ')}) or <kind>.<column>, e.g. orders.amount.`);
  }
  return match[2] ? { kind: kind as ExtractKind, column: match[2] } : { kind: kind as ExtractKind };
}
