/**
 * Bounds every value a later stage must handle. A row outside them is quarantined at ingest, so
 * one absurd value (an amount of 1e308, a 2,000-character id) can never reach `clean/` and break
 * every later run (variance overflow, DynamoDB's 2 KB key limit).
 */
export interface IngestLimits {
  /** Largest |amount| of one order row (and of quantity x unit price). */
  maxAbsAmount: number;
  /** Longest customer or prospect id, in characters (DynamoDB keys hold at most 2,048 bytes). */
  maxIdLength: number;
  /** Earliest plausible date, YYYY-MM-DD. */
  earliestDate: string;
  /** Dates more than this many days after the ingest day are typos, not orders. */
  maxDaysAhead: number;
  /**
   * Order ids that mark a cancellation or return (UCI Online Retail: `C536379`); such a row is a
   * return even when its amount is positive. Applied only to files that also hold order ids that
   * do not match, so a shop whose every order id starts with `C` is not read as all returns.
   */
  cancellationPattern: string;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxAbsAmount: 1e9,
  maxIdLength: 256,
  earliestDate: '1900-01-01',
  maxDaysAhead: 2,
  cancellationPattern: '^C[0-9]+$',
};

/** 500 characters of up to 4 UTF-8 bytes each, plus the key prefix, stay under DynamoDB's 2,048-byte key limit. */
export const MAX_ID_LENGTH_LIMIT = 500;
