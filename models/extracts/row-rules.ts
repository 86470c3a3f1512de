import { sqlIdentifier, sqlString } from '../duckdb/duckdb-session.js';
import type { ExtraColumn } from './extra-columns.js';
import type { ColumnSpec, ExtractSchema } from './extract-schemas.js';
import type { IngestLimits } from './ingest-limits.js';
import type { RawRows } from './load-raw-extract.js';
import type { ResolvedColumns } from './resolve-columns.js';
import { normaliseIdSql, normaliseTextSql, parseAmountSql, parseConsentSql, parseDateSql, trimmedOrNull } from './value-parsers.js';

interface ColumnRule {
  /** SQL producing the typed, canonical value. */
  value: string;
  /** SQL producing the reason the row is rejected for this column, or NULL; reads the parsed values through `parsed`. */
  reason: string | null;
  /** Parsed values the reason reads, each computed once per row (DuckDB does not share an expression repeated across CASE branches). */
  parsed: Record<string, string>;
}

/** Name under which a parsed value is carried to the rules; a file header by this name is not plausible. */
const parsedColumn = (name: string): string => sqlIdentifier(`#parsed ${name}`);

/** Free text (email, country, channel) longer than this is not a value but a broken export. */
export const MAX_TEXT_LENGTH = 1000;

/** C0 and C1 control characters; a tab or NUL inside an id is an export fault, not part of the id. */
const CONTROL_CHARACTER = `'[\\x00-\\x1f\\x7f-\\x9f]'`;

const quoteRaw = (raw: string): string => `'"' || left(coalesce(${raw}, ''), 60) || '"'`;
const label = (text: string): string => sqlString(text);

function ruleFor(spec: ColumnSpec, raw: string, dateFormat: string | undefined, limits: IngestLimits): ColumnRule {
  const present = `${trimmedOrNull(raw)} IS NOT NULL`;
  const missing = spec.required ? `WHEN NOT (${present}) THEN ${label(`missing ${spec.name}`)}` : '';
  const parsed = parsedColumn(spec.name);
  const rule = (value: string, reason: string): ColumnRule => ({ value: parsed, reason, parsed: { [parsed]: value } });
  switch (spec.type) {
    case 'id':
    case 'text': {
      const value = spec.type === 'id' ? normaliseIdSql(raw) : normaliseTextSql(raw);
      const maxLength = spec.type === 'id' ? limits.maxIdLength : MAX_TEXT_LENGTH;
      const tooLong = `WHEN length(${parsed}) > ${maxLength} THEN ${label(`${spec.name} longer than ${maxLength} characters`)} || ' (' || length(${parsed}) || ')'`;
      const control = spec.type === 'id' ? `WHEN regexp_matches(${parsed}, ${CONTROL_CHARACTER}) THEN ${label(`control character in ${spec.name}`)}` : '';
      return rule(value, `CASE ${missing} ${tooLong} ${control} END`);
    }
    case 'date': {
      const value = parseDateSql(raw, dateFormat ?? 'iso');
      const bad = `WHEN ${present} AND ${parsed} IS NULL THEN ${label(`unparseable ${spec.name} `)} || ${quoteRaw(raw)}`;
      // Years like 20230 parse; a date before the earliest plausible day or days after today is a typo, not an order.
      const implausible = `WHEN ${parsed} < TIMESTAMP ${sqlString(limits.earliestDate)} OR ${parsed} > current_date + ${limits.maxDaysAhead}
        THEN ${label(`implausible ${spec.name} `)} || ${quoteRaw(raw)}`;
      return rule(value, `CASE ${missing} ${bad} ${implausible} END`);
    }
    case 'amount': {
      return rule(parseAmountSql(raw), `CASE ${missing} ${numberReason(spec.name, raw, parsed, limits)} END`);
    }
    case 'consent': {
      // An answer the tool cannot read is never taken for consent, nor silently for a refusal.
      const unrecognised = `WHEN ${present} AND ${parsed} IS NULL THEN ${label(`unrecognised ${spec.name} `)} || ${quoteRaw(raw)} || ' (expected yes/no, true/false, 1/0, opted-in/opted-out)'`;
      return rule(parseConsentSql(raw), `CASE ${missing} ${unrecognised} END`);
    }
  }
}

/** Unparseable, not finite (NaN, inf) or beyond the plausible range; zero and negative amounts are real. */
function numberReason(name: string, raw: string, value: string, limits: IngestLimits): string {
  return `WHEN ${trimmedOrNull(raw)} IS NULL THEN ${label(`missing ${name}`)}
    WHEN ${value} IS NULL THEN ${label(`unparseable ${name} `)} || ${quoteRaw(raw)}
    WHEN NOT isfinite(${value}) THEN ${label(`non-finite ${name} `)} || ${quoteRaw(raw)}
    WHEN abs(${value}) > ${limits.maxAbsAmount} THEN ${label(`implausible ${name} `)} || ${quoteRaw(raw)} || ${label(` (beyond ±${limits.maxAbsAmount})`)}`;
}

/** The amount of a line-item extract: quantity x unit price, each parsed and bounded like an amount. */
function lineItemRule(lineItems: NonNullable<ResolvedColumns['lineItems']>, limits: IngestLimits): ColumnRule {
  const quantityRaw = sqlIdentifier(lineItems.quantity);
  const priceRaw = sqlIdentifier(lineItems.unitPrice);
  const quantity = parsedColumn('quantity');
  const price = parsedColumn('unit price');
  const value = `(${quantity} * ${price})`;
  const reason = `CASE
    ${numberReason('quantity', quantityRaw, quantity, limits)}
    ${numberReason('unit price', priceRaw, price, limits)}
    WHEN NOT isfinite(${value}) OR abs(${value}) > ${limits.maxAbsAmount}
      THEN ${label('implausible amount (quantity x unit price) ')} || ${quoteRaw(quantityRaw)} || ' x ' || ${quoteRaw(priceRaw)}
  END`;
  return { value, reason, parsed: { [quantity]: parseAmountSql(quantityRaw), [price]: parseAmountSql(priceRaw) } };
}

/**
 * An order whose id marks a cancellation is a return even when the file gives its amount as
 * positive; the pattern only counts in files that also hold ids that do not match it.
 */
const markedSql = (limits: IngestLimits): string => `coalesce(regexp_full_match(order_id, ${sqlString(limits.cancellationPattern)}), false)`;

/**
 * SQL creating `checked(src_row, <canonical columns>, reason)` from `raw_extract`, in no
 * particular order (whoever needs the file's order sorts by src_row):
 * the first rule a row breaks is its reason; exact duplicates (orders) or repeated
 * keys (profiles) after their first occurrence are rejected as duplicates of it.
 */
export function buildCheckedTableSql(
  schema: ExtractSchema,
  resolved: ResolvedColumns,
  raw: { columns: readonly string[]; rows: RawRows },
  dateFormats: Record<string, string>,
  limits: IngestLimits,
  extras: readonly ExtraColumn[] = [],
): string {
  const rules = schema.columns.map((spec) => {
    const header = resolved.mapping[spec.name];
    if (spec.name === 'amount' && resolved.lineItems) return { spec, rule: lineItemRule(resolved.lineItems, limits) };
    if (!header) return { spec, rule: { value: 'NULL', reason: null, parsed: {} } };
    return { spec, rule: ruleFor(spec, sqlIdentifier(header), dateFormats[spec.name], limits) };
  });
  const values = [
    ...rules.map(({ spec, rule }) => `${rule.value} AS ${sqlIdentifier(spec.name)}`),
    ...extras.map((extra) => `${normaliseTextSql(sqlIdentifier(extra.header))} AS ${sqlIdentifier(extra.column)}`),
  ].join(',\n    ');
  const parsed = rules.flatMap(({ rule }) => Object.entries(rule.parsed).map(([name, sql]) => `${sql} AS ${name}`));
  const reasons = rules.map(({ rule }) => rule.reason).filter((r): r is string => r !== null);
  const ruleReason = reasons.length > 0 ? `COALESCE(${reasons.join(', ')})` : 'NULL';
  const canonical = [...schema.columns.map((c) => c.name), ...extras.map((e) => e.column)].map(sqlIdentifier).join(', ');
  const firstOccurrence = schema.uniqueKey
    ? `min(src_row) OVER (PARTITION BY ${sqlIdentifier(schema.uniqueKey)})`
    : 'first_raw_row';
  const signs = schema.columns.some((c) => c.name === 'amount') && resolved.mapping.order_id !== undefined;
  const output = signs
    ? `${schema.columns.map((c) => (c.name === 'amount' ? 'CASE WHEN cancellation_id THEN -abs(amount) ELSE amount END AS amount' : sqlIdentifier(c.name))).join(', ')}, cancellation_id`
    : canonical;
  const cells = raw.columns.map(sqlIdentifier);
  const { table, key, offset } = raw.rows;
  const srcRow = (k: string): string => (offset === 0 ? k : `${k} + ${offset}`);
  // Exact repeats, found through a hash of the whole record and confirmed cell by cell (a hash
  // collision between different records is never taken for a repeat). Sorting the hashes and
  // keeping those equal to a neighbour costs half of grouping millions of distinct hashes, and
  // the few repeats are then fetched by key.
  return `CREATE TABLE checked AS
  WITH hashed AS (
    SELECT ${key} AS k, hash(${cells.join(', ')}) AS h FROM ${table}
  ),
  neighbours AS (
    SELECT k, h, lag(h) OVER w AS previous_h, lead(h) OVER w AS next_h FROM hashed WINDOW w AS (ORDER BY h, k)
  ),
  repeats AS (
    SELECT k, min(k) OVER (PARTITION BY h) AS first_k FROM neighbours WHERE h = previous_h OR h = next_h
  ),
  raw_firsts AS (
    SELECT ${srcRow('p.k')} AS src_row, ${srcRow('p.first_k')} AS first_raw_row
    FROM repeats p JOIN ${table} r ON r.${key} = p.k JOIN ${table} f ON f.${key} = p.first_k
    WHERE p.k <> p.first_k AND ${cells.map((c) => `r.${c} IS NOT DISTINCT FROM f.${c}`).join(' AND ')}
  ),
  parsed AS (
    SELECT raw.*${parsed.map((column) => `, ${column}`).join('')} FROM raw_extract raw
  ),
  typed AS (
    SELECT raw.src_row, ${values}, ${ruleReason} AS rule_reason, COALESCE(f.first_raw_row, raw.src_row) AS first_raw_row
    FROM parsed raw LEFT JOIN raw_firsts f USING (src_row)
  ),
  ${signs ? `unmarked_ids AS (SELECT count(*) > 0 AS present FROM typed WHERE order_id IS NOT NULL AND NOT ${markedSql(limits)}),` : ''}
  ranked AS (
    SELECT *, COALESCE(rule_reason, CASE WHEN ${firstOccurrence} < src_row THEN 'duplicate of row ' || ${firstOccurrence} END) AS reason
      ${signs ? `, ${markedSql(limits)} AND (SELECT present FROM unmarked_ids) AS cancellation_id` : ''}
    FROM typed
  )
  SELECT src_row, ${output}, reason FROM ranked`;
}
