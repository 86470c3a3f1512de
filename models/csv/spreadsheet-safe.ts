/**
 * CSV cells a spreadsheet will not run as formulas (OWASP "CSV Injection"): a cell starting with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, unless it is a plain number
 * (`-12.50`, `+3`, `1e5`), which a spreadsheet reads as a number and the reader of the file needs
 * as one.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTING = /[",\r\n]/;

/** The SQL (RE2) spelling of the two patterns above; DuckDB string literals keep `\t` as is. */
const FORMULA_START_SQL = `'^[=+\\-@\\t\\r]'`;
const PLAIN_NUMBER_SQL = `'^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$'`;

/** The value with a leading `'` when a spreadsheet would otherwise read it as a formula. */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180 quoting of `"`, `,` and line breaks), spreadsheet-safe. */
export function csvCell(value: string): string {
  const safe = spreadsheetSafe(value);
  return NEEDS_QUOTING.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line of spreadsheet-safe fields, without the line break. */
export const csvLine = (values: readonly string[]): string => values.map(csvCell).join(',');

/**
 * `spreadsheetSafe` as a DuckDB expression over a VARCHAR expression, for files written by
 * `COPY ... (FORMAT csv)` (which does the quoting itself). `expr` appears several times, so pass
 * a column reference rather than a costly expression. NULL stays NULL.
 */
export function spreadsheetSafeSql(expr: string): string {
  return `CASE WHEN regexp_matches(${expr}, ${FORMULA_START_SQL}) AND NOT regexp_matches(${expr}, ${PLAIN_NUMBER_SQL}) THEN '''' || ${expr} ELSE ${expr} END`;
}
