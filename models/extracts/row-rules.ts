import { sqlIdentifier, sqlString } from '../duckdb/duckdb-session.js';
import type { ColumnSpec, ExtractSchema } from './extract-schemas.js';
import type { ResolvedColumns } from './resolve-columns.js';
import { normaliseIdSql, parseAmountSql, parseDateSql, trimmedOrNull } from './value-parsers.js';

interface ColumnRule {
  /** SQL producing the typed, canonical value. */
  value: string;
  /** SQL producing the reason the row is rejected for this column, or NULL. */
  reason: string | null;
}

const quoteRaw = (raw: string): string => `'"' || left(${raw}, 60) || '"'`;

function ruleFor(spec: ColumnSpec, raw: string, dateFormat: string | undefined): ColumnRule {
  const present = `${trimmedOrNull(raw)} IS NOT NULL`;
  const missing = spec.required ? `WHEN NOT (${present}) THEN ${sqlString(`missing ${spec.name}`)}` : '';
  switch (spec.type) {
    case 'id':
    case 'text': {
      const value = spec.type === 'id' ? normaliseIdSql(raw) : trimmedOrNull(raw);
      return { value, reason: missing ? `CASE ${missing} END` : null };
    }
    case 'date': {
      const value = parseDateSql(raw, dateFormat ?? 'iso');
      const bad = `WHEN ${present} AND ${value} IS NULL THEN ${sqlString(`unparseable ${spec.name} `)} || ${quoteRaw(raw)}`;
      // Years like 20230 parse; a date before 1900 or after tomorrow is a typo, not an order.
      const implausible = `WHEN ${value} < TIMESTAMP '1900-01-01' OR ${value} > current_date + 2 THEN ${sqlString(`implausible ${spec.name} `)} || ${quoteRaw(raw)}`;
      return { value, reason: `CASE ${missing} ${bad} ${implausible} END` };
    }
    case 'amount': {
      const value = parseAmountSql(raw);
      return { value, reason: amountReason(spec.name, raw, value, missing) };
    }
  }
}

function amountReason(name: string, raw: string, value: string, missing: string): string {
  return `CASE ${missing}
    WHEN ${value} IS NULL THEN ${sqlString(`unparseable ${name} `)} || ${quoteRaw(raw)}
    WHEN NOT isfinite(${value}) THEN ${sqlString(`non-finite ${name} `)} || ${quoteRaw(raw)}
    WHEN ${value} <= 0 THEN ${sqlString(`non-positive ${name} `)} || ${quoteRaw(raw)}
  END`;
}

/** The amount of a line-item extract: quantity x unit price, each parsed like an amount. */
function lineItemRule(lineItems: NonNullable<ResolvedColumns['lineItems']>): ColumnRule {
  const quantity = parseAmountSql(sqlIdentifier(lineItems.quantity));
  const price = parseAmountSql(sqlIdentifier(lineItems.unitPrice));
  const value = `(${quantity} * ${price})`;
  const reason = `CASE
    WHEN ${quantity} IS NULL THEN 'unparseable quantity ' || ${quoteRaw(sqlIdentifier(lineItems.quantity))}
    WHEN ${price} IS NULL THEN 'unparseable unit price ' || ${quoteRaw(sqlIdentifier(lineItems.unitPrice))}
    WHEN ${value} <= 0 THEN 'non-positive amount ' || CAST(round(${value}, 2) AS VARCHAR)
  END`;
  return { value, reason };
}

/**
 * SQL creating `checked(src_row, <canonical columns>, reason)` from `raw_extract`:
 * the first rule a row breaks is its reason; exact duplicates (orders) or repeated
 * keys (profiles) after their first occurrence are rejected as duplicates of it.
 */
export function buildCheckedTableSql(
  schema: ExtractSchema,
  resolved: ResolvedColumns,
  rawColumns: readonly string[],
  dateFormats: Record<string, string>,
): string {
  const rules = schema.columns.map((spec) => {
    const header = resolved.mapping[spec.name];
    if (spec.name === 'amount' && resolved.lineItems) return { spec, rule: lineItemRule(resolved.lineItems) };
    if (!header) return { spec, rule: { value: 'NULL', reason: null } };
    return { spec, rule: ruleFor(spec, sqlIdentifier(header), dateFormats[spec.name]) };
  });
  const values = rules.map(({ spec, rule }) => `${rule.value} AS ${sqlIdentifier(spec.name)}`).join(',\n    ');
  const reasons = rules.map(({ rule }) => rule.reason).filter((r): r is string => r !== null);
  const ruleReason = reasons.length > 0 ? `COALESCE(${reasons.join(', ')})` : 'NULL';
  const canonical = schema.columns.map((c) => sqlIdentifier(c.name)).join(', ');
  const firstOccurrence = schema.uniqueKey
    ? `min(src_row) OVER (PARTITION BY ${sqlIdentifier(schema.uniqueKey)})`
    : 'first_raw_row';
  return `CREATE TABLE checked AS
  WITH raw_firsts AS (
    SELECT src_row, min(src_row) OVER (PARTITION BY ${rawColumns.map(sqlIdentifier).join(', ')}) AS first_raw_row
    FROM raw_extract
  ),
  typed AS (
    SELECT raw.src_row, ${values}, ${ruleReason} AS rule_reason, f.first_raw_row
    FROM raw_extract raw JOIN raw_firsts f USING (src_row)
  ),
  ranked AS (SELECT *, ${firstOccurrence} AS first_row FROM typed)
  SELECT src_row, ${canonical},
    COALESCE(rule_reason, CASE WHEN first_row < src_row THEN 'duplicate of row ' || first_row END) AS reason
  FROM ranked ORDER BY src_row`;
}
