import { ExtractRejectedError } from './extract-rejected-error.js';
import { LINE_ITEM_COLUMNS, type ExtractSchema } from './extract-schemas.js';

/** canonical column name -> header in the file */
export type ColumnMapping = Record<string, string>;

export interface ResolvedColumns {
  mapping: ColumnMapping;
  /** Set when the amount is derived as quantity x unit price. */
  lineItems?: { quantity: string; unitPrice: string };
}

const normalise = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Matches the file's headers to the schema: the user's explicit mapping first, then the exact
 * canonical name, then the known aliases. Missing required columns reject the whole file.
 */
export function resolveColumns(
  headers: readonly string[],
  schema: ExtractSchema,
  userMapping: ColumnMapping = {},
): ResolvedColumns {
  const byNormalised = new Map(headers.map((h) => [normalise(h), h]));
  const mapping: ColumnMapping = {};
  for (const [canonical, header] of Object.entries(userMapping)) {
    if (!headers.includes(header)) {
      throw new ExtractRejectedError('missing-columns', `Mapped column "${header}" (for ${canonical}) is not in the file.`, {
        headers,
      });
    }
    mapping[canonical] = header;
  }
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
        `Rename them or pass a column mapping (for example --map ${missing[0]}=<your column>).`,
      { missing, headers },
    );
  }
  return lineItems ? { mapping, lineItems } : { mapping };
}

function findLineItems(byNormalised: Map<string, string>): ResolvedColumns['lineItems'] {
  const quantity = LINE_ITEM_COLUMNS.quantity.map((a) => byNormalised.get(a)).find(Boolean);
  const unitPrice = LINE_ITEM_COLUMNS.unitPrice.map((a) => byNormalised.get(a)).find(Boolean);
  return quantity && unitPrice ? { quantity, unitPrice } : undefined;
}
