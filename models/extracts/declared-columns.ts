import { sqlIdentifier } from '../duckdb/duckdb-session.js';
import { parseAmountSql, parseConsentSql, parseDateSql, ISO_DATE, normaliseTextSql } from './value-parsers.js';

/**
 * How an extra profile column (kept as text at ingest, see extra-columns.ts) is read once the
 * configuration declares it (`profile.columns`): segment rules compare it, audiences model on it.
 */
export const DECLARED_COLUMN_TYPES = ['number', 'category', 'boolean', 'date'] as const;
export type DeclaredColumnType = (typeof DECLARED_COLUMN_TYPES)[number];

export interface DeclaredColumn {
  name: string;
  type: DeclaredColumnType;
}

/**
 * SQL reading `name` of the current relation as its declared type: numbers as amounts are read
 * (`1,234.5` too), booleans as consent answers are (yes/no, true/false, 1/0), dates as ISO days,
 * categories as trimmed NFC text. A cell that does not parse is NULL (unknown), never a guess.
 */
export function declaredColumnSql(column: DeclaredColumn, relation?: string): string {
  const cell = relation ? `${relation}.${sqlIdentifier(column.name)}` : sqlIdentifier(column.name);
  const text = `CAST(${cell} AS VARCHAR)`;
  switch (column.type) {
    case 'number':
      return `(${parseAmountSql(text)})`;
    case 'boolean':
      return `(${parseConsentSql(text)})`;
    case 'date':
      return `CAST(${parseDateSql(text, ISO_DATE)} AS DATE)`;
    case 'category':
      return normaliseTextSql(text);
  }
}

/** Marketing consent with the configured answer for people whose extract does not say. */
export const consentSql = (defaultConsent: 'granted' | 'denied', relation?: string): string =>
  `coalesce(${relation ? `${relation}.` : ''}marketing_consent, ${defaultConsent === 'granted'})`;
