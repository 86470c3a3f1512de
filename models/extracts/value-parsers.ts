import { sqlString } from '../duckdb/duckdb-session.js';

/** SQL that turns raw text cells into typed values; NULL means "could not parse". */

export const ISO_DATE = 'iso';

/** Tried in this order; the format that parses most of a column wins for the whole file. */
export const DATE_FORMATS = [
  ISO_DATE,
  '%m/%d/%Y %H:%M',
  '%d/%m/%Y %H:%M',
  '%m/%d/%Y',
  '%d/%m/%Y',
  '%m/%d/%Y %H:%M:%S',
  '%d/%m/%Y %H:%M:%S',
  '%d.%m.%Y',
  '%d-%m-%Y',
  '%Y/%m/%d',
  '%Y%m%d',
  '%m/%d/%y',
  '%d/%m/%y',
] as const;

/**
 * trim(expr), computed only where it can change something. DuckDB's trim strips Unicode space
 * separators (U+0020 and sixteen non-ASCII ones) and copies every value; an all-ASCII value that
 * neither starts nor ends with a space is its own trim, and checking that (bytes against
 * characters, first and last byte) costs a third as much. Nine order lines in ten million ran
 * through trim ten times each in validation.
 */
export const trimSql = (expr: string): string =>
  `(CASE WHEN strlen(${expr}) <> length(${expr}) OR starts_with(${expr}, ' ') OR ends_with(${expr}, ' ') THEN trim(${expr}) ELSE ${expr} END)`;

export const trimmedOrNull = (expr: string): string => `NULLIF(${trimSql(expr)}, '')`;

export function parseDateSql(expr: string, format: string): string {
  const value = trimmedOrNull(expr);
  return format === ISO_DATE
    ? `TRY_CAST(${value} AS TIMESTAMP)`
    : `try_strptime(${value}, ${sqlString(format)})`;
}

/**
 * Accepts `1,234.50`, `$12.99`, `EUR 12.99`, `12,50` (decimal comma), `(12.00)` (accounting
 * negative) and scientific notation. Only currency symbols, an ISO currency code and thousands
 * separators are removed; any other stray character (`1O.50`) makes the value NULL.
 */
export function parseAmountSql(expr: string): string {
  const trimmed = trimSql(expr);
  const bare = `regexp_replace(${trimmed}, '^[A-Za-z]{3}\\s*|\\s*[A-Za-z]{3}$|[$€£¥\\s]', '', 'g')`;
  const signed = `regexp_replace(${bare}, '^\\((.*)\\)$', '-\\1')`;
  // Most cells are plain numbers: one match decides, and only the rest go through the rewrites.
  return `CASE WHEN regexp_full_match(${trimmed}, '[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?') THEN TRY_CAST(${trimmed} AS DOUBLE)
    ELSE TRY_CAST(CASE
      WHEN regexp_matches(${signed}, '^[-+]?[0-9]+,[0-9]{1,2}$') THEN replace(${signed}, ',', '.')
      WHEN regexp_matches(${signed}, '^[-+]?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?$') THEN replace(${signed}, ',', '')
      ELSE NULLIF(${signed}, '')
    END AS DOUBLE) END`;
}

/**
 * Identifiers exported through float columns (`17850.0`) are the same customer as `17850`, and
 * the same name typed in composed (NFC) or decomposed (NFD) form is the same id. Only an id with
 * a dot goes through the regular expression (a third of the cost of checking an id column).
 */
export const normaliseIdSql = (expr: string): string => {
  const value = trimmedOrNull(expr);
  return `nfc_normalize(CASE WHEN contains(${value}, '.') THEN regexp_replace(${value}, '^([0-9]+)\\.0+$', '\\1') ELSE ${value} END)`;
};

/** Text (emails, countries, channels) in NFC, so equal text compares and hashes equal. */
export const normaliseTextSql = (expr: string): string => `nfc_normalize(${trimmedOrNull(expr)})`;

/** Spellings of a consent answer, compared lower-cased with spaces, dashes and underscores removed. */
export const CONSENT_VALUES = {
  granted: ['true', 't', 'yes', 'y', '1', 'optedin', 'optin', 'granted', 'subscribed', 'accepted', 'consented', 'allow', 'allowed'],
  denied: ['false', 'f', 'no', 'n', '0', 'optedout', 'optout', 'denied', 'unsubscribed', 'declined', 'notsubscribed', 'refused', 'withdrawn'],
} as const;

const consentKey = (expr: string): string => `regexp_replace(lower(${trimSql(expr)}), '[\\s_-]', '', 'g')`;
const sqlList = (values: readonly string[]): string => values.map(sqlString).join(', ');

/** TRUE, FALSE, or NULL for an empty cell; an unrecognised answer is NULL too (the row rule rejects it). */
export const parseConsentSql = (expr: string): string =>
  `CASE WHEN ${consentKey(expr)} IN (${sqlList(CONSENT_VALUES.granted)}) THEN true
        WHEN ${consentKey(expr)} IN (${sqlList(CONSENT_VALUES.denied)}) THEN false END`;
