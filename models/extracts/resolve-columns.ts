import { ExtractRejectedError } from './extract-rejected-error.js';
import { EXTRACT_SCHEMAS, LINE_ITEM_COLUMNS, type ExtractSchema } from './extract-schemas.js';

/** canonical column name -> header in the file */
export type ColumnMapping = Record<string, string>;

export interface ResolvedColumns {
  /** The extract kind the columns are resolved for (messages name `<kind>.<column>`). */
  kind: ExtractSchema['kind'];
  mapping: ColumnMapping;
  /** Set when the amount is derived as quantity x unit price. */
  lineItems?: { quantity: string; unitPrice: string };
}

/** The canonical columns a mapping may name for an extract kind (its schema's columns). */
export const mappableColumns = (kind: ExtractSchema['kind']): string[] => EXTRACT_SCHEMAS[kind].columns.map((c) => c.name);

const normalise = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Matches the file's headers to the schema: the user's explicit mapping first, then the exact
 * canonical name, then the known aliases. Missing required columns reject the whole file.
 *
 * A mapped header the file lacks rejects the file too, even when an alias would find the column:
 * the mapping is an explicit choice (often between two candidate columns, such as a gross and a
 * net total), and reading another column in its place would change what the column means without
 * a word. The message names the header the alias would pick and the commands that change or clear
 * the mapping.
 */
export function resolveColumns(
  headers: readonly string[],
  schema: ExtractSchema,
  userMapping: ColumnMapping = {},
): ResolvedColumns {
  const byNormalised = new Map(headers.map((h) => [normalise(h), h]));
  const absent = Object.entries(userMapping).filter(([, header]) => !headers.includes(header));
  if (absent.length > 0) throw mappedHeadersMissing(schema, absent, Object.keys(userMapping).length, headers, byNormalised);
  const mapping: ColumnMapping = { ...userMapping };
  for (const spec of schema.columns) {
    if (mapping[spec.name]) continue;
    const found = spec.aliases.map((alias) => byNormalised.get(alias)).find((h) => h !== undefined);
    if (found && !Object.values(mapping).includes(found)) mapping[spec.name] = found;
  }
  const lineItems = schema.kind === 'orders' && !mapping.amount ? findLineItems(byNormalised) : undefined;
  const missing = schema.columns
    .filter((spec) => spec.required && !mapping[spec.name])
    .filter((spec) => !(spec.name === 'amount' && lineItems))
    .map((spec) => spec.name);
  if (missing.length > 0) {
    throw new ExtractRejectedError(
      'missing-columns',
      `The ${schema.kind} extract lacks required column(s) ${missing.join(', ')}. Found: ${headers.join(', ')}. ` +
        `Rename them or pass a column mapping (for example --map ${schema.kind}.${missing[0]}=<your column>).`,
      { missing, headers },
    );
  }
  return lineItems ? { kind: schema.kind, mapping, lineItems } : { kind: schema.kind, mapping };
}

function mappedHeadersMissing(
  schema: ExtractSchema,
  absent: readonly (readonly [string, string])[],
  mapped: number,
  headers: readonly string[],
  byNormalised: Map<string, string>,
): ExtractRejectedError {
  const entries = absent.map(([canonical, header]) => `${schema.kind}.${canonical}=${header}`);
  const byAlias = absent.flatMap(([canonical]) => {
    const found = schema.columns.find((c) => c.name === canonical)?.aliases.map((alias) => byNormalised.get(alias)).find((h) => h !== undefined);
    return found ? [[canonical, found] as const] : [];
  });
  const read = byAlias.map(([canonical, header], i) => `${canonical} ${i === 0 ? 'would be read ' : ''}from "${header}"`);
  const without = read.length > 0 ? ` Without the mapping, ${listed(read)}.` : '';
  const one = absent.length === 1 ? `${schema.kind}.${absent[0]?.[0]}` : `${schema.kind}.<column>`;
  const clear =
    absent.length > 1 && absent.length === mapped
      ? `segments config mapping clear ${schema.kind}`
      : absent.map(([canonical]) => `segments config mapping clear ${schema.kind}.${canonical}`).join('; ');
  return new ExtractRejectedError(
    'missing-columns',
    `The column mapping ${entries.join(', ')} names ${absent.length === 1 ? 'a header' : 'headers'} this file does not have (its headers: ${headers.join(', ')}).${without} ` +
      `Change ${absent.length === 1 ? 'it' : 'them'} (segments config mapping set ${one}=<header>, or --map ${one}=<header> on run or backtest) ` +
      `or clear ${absent.length === 1 ? 'it' : 'them'} (${clear}); in AWS, edit mapping.${schema.kind} in config/segments.config.yaml.`,
    { headers, absent: Object.fromEntries(absent) },
  );
}

/** `a`, `a and b`, `a, b and c`. */
const listed = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

function findLineItems(byNormalised: Map<string, string>): ResolvedColumns['lineItems'] {
  const quantity = LINE_ITEM_COLUMNS.quantity.map((a) => byNormalised.get(a)).find(Boolean);
  const unitPrice = LINE_ITEM_COLUMNS.unitPrice.map((a) => byNormalised.get(a)).find(Boolean);
  return quantity && unitPrice ? { quantity, unitPrice } : undefined;
}
