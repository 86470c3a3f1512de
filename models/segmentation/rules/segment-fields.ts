import { epochDayOf } from '../days.js';
import type { SegmentationScore } from '../segmentation-score.js';
import type { ProfileColumnType } from '../settings/index.js';

export type FieldType = 'number' | 'date' | 'string' | 'boolean';

/** A number, date or boolean (1 / 0) column holds NaN where the value is missing; a string column holds null. */
export type FieldColumn = Float64Array | readonly (string | null)[];

/** What building a field's column may read. */
export interface FieldInput {
  scores: readonly SegmentationScore[];
  /** The as-of day as days since 1970-01-01; NaN when unknown. */
  asOfDay: number;
  /** RFM scores 1..5 per customer (needs the population's quintiles). */
  rfmScores(): { recency: Uint8Array; frequency: Uint8Array; monetary: Uint8Array };
}

/** A customer field rules may read. Dates are columns of days since 1970-01-01. */
export interface SegmentField {
  name: string;
  type: FieldType;
  description: string;
  /** False for values ranked against the population already (RFM scores): no `pNN` on them. */
  percentiles: boolean;
  column(input: FieldInput): FieldColumn;
  /**
   * The profile column of the customers extract the field reads (profile-fields.ts): whoever
   * builds the score rows joins it in under `column`. Absent for score-row fields.
   */
  profile?: ProfileColumnRef;
}

/**
 * How a profile column is read from the clean customers data: `declared` extra columns are text
 * there and are read as their declared type; built-in ones are typed at ingest already.
 */
export interface ProfileColumnRef {
  column: string;
  type: ProfileColumnType;
  declared: boolean;
}

const numberColumn = (input: FieldInput, read: (score: SegmentationScore) => unknown): Float64Array => {
  const values = new Float64Array(input.scores.length);
  for (let i = 0; i < values.length; i++) {
    const value = read(input.scores[i] as SegmentationScore);
    values[i] = typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
  }
  return values;
};

type Row = Readonly<Record<string, unknown>>;
/** Reads one column of a row; built-in fields pass a constant-key reader, which engines load much faster than row[name]. */
type RowReader = (row: Row) => unknown;
const byName = (name: string): RowReader => (row) => row[name];

const dateColumn = (input: FieldInput, read: RowReader): Float64Array => {
  const values = new Float64Array(input.scores.length);
  for (let i = 0; i < values.length; i++) {
    const row = (input.scores[i] as SegmentationScore).row;
    values[i] = row === undefined ? Number.NaN : epochDayOf(read(row));
  }
  return values;
};

const stringColumn = (input: FieldInput, read: RowReader): (string | null)[] =>
  input.scores.map((score) => {
    const value = score.row === undefined ? undefined : read(score.row);
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
  });

/** A numeric column of the score row (null or absent: missing). */
export const rowNumberField = (name: string, description: string, read: RowReader = byName(name)): SegmentField => ({
  name,
  type: 'number',
  description,
  percentiles: true,
  column: (input) => numberColumn(input, (score) => (score.row === undefined ? undefined : read(score.row))),
});

/** A date column of the score row (`YYYY-MM-DD`). */
export const rowDateField = (name: string, description: string, read: RowReader = byName(name)): SegmentField => ({
  name,
  type: 'date',
  description,
  percentiles: false,
  column: (input) => dateColumn(input, read),
});

/** A yes/no column of the score row: true 1, false 0, anything else missing. */
export const rowBooleanField = (name: string, description: string, read: RowReader = byName(name)): SegmentField => ({
  name,
  type: 'boolean',
  description,
  percentiles: false,
  column: (input) => {
    const values = new Float64Array(input.scores.length);
    for (let i = 0; i < values.length; i++) {
      const row = (input.scores[i] as SegmentationScore).row;
      const value = row === undefined ? undefined : read(row);
      values[i] = value === true ? 1 : value === false ? 0 : Number.NaN;
    }
    return values;
  },
});

/** A text column of the score row, such as a profile's country. */
export const rowStringField = (name: string, description: string, read: RowReader = byName(name)): SegmentField => ({
  name,
  type: 'string',
  description,
  percentiles: false,
  column: (input) => stringColumn(input, read),
});

const coreField = (name: string, description: string, read: (score: SegmentationScore) => number): SegmentField => ({
  name,
  type: 'number',
  description,
  percentiles: true,
  column: (input) => numberColumn(input, read),
});

const rfmScoreField = (name: string, pick: 'recency' | 'frequency' | 'monetary'): SegmentField => ({
  name,
  type: 'number',
  description: `RFM ${pick} score 1..5 (5 best), as the rfm family scores it`,
  percentiles: false,
  column: (input) => Float64Array.from(input.rfmScores()[pick]),
});

/** A field of the row when present, else derived from the segmentation score's own fields. */
const rowOr = (name: string, description: string, read: RowReader, derive: (score: SegmentationScore) => number): SegmentField =>
  coreField(name, description, (score) => {
    const value = score.row === undefined ? undefined : read(score.row);
    return typeof value === 'number' ? value : derive(score);
  });

/**
 * The fields every score row carries (CustomerScore's, under the names `segments customer` and
 * the scores export show) and a few derived ones. The profile columns (profile-fields.ts) follow.
 */
export const BUILT_IN_FIELDS: readonly SegmentField[] = [
  coreField('churnProbability', 'P(no order in the horizon)', (s) => s.churnProbability),
  coreField('predictedClv', 'expected spend over the CLV horizon', (s) => s.predictedClv),
  coreField('recencyDays', 'days since the last purchase day', (s) => s.recencyDays),
  coreField('purchaseDays', 'purchase days so far (frequency + 1)', (s) => s.frequency),
  coreField('tenureDays', 'days since the first purchase day (T)', (s) => s.tenureDays),
  rowOr('historicClv', 'net spend so far', (r) => r['historicClv'], (s) => s.monetary),
  rowOr('totalClv', 'historicClv + predictedClv', (r) => r['totalClv'], (s) => s.monetary + s.predictedClv),
  rowOr('frequency', 'repeat purchase days (purchase days - 1)', (r) => r['frequency'], (s) => s.frequency - 1),
  rowOr('T', 'days from the first purchase day to the as-of day', (r) => r['T'], (s) => s.tenureDays),
  rowOr('recency', 'days from the first to the last purchase day', (r) => r['recency'], (s) => s.tenureDays - s.recencyDays),
  rowOr('averageDaysBetweenOrders', 'mean days between purchase days (missing with one purchase day)', (r) => r['averageDaysBetweenOrders'], (s) =>
    s.frequency > 1 ? (s.tenureDays - s.recencyDays) / (s.frequency - 1) : Number.NaN,
  ),
  rowNumberField('horizonDays', 'the prediction horizon in days', (r) => r['horizonDays']),
  rowNumberField('probabilityAlive', 'P(still a customer) under BG/NBD', (r) => r['probabilityAlive']),
  rowNumberField('expectedOrders', 'expected purchase days in the horizon', (r) => r['expectedOrders']),
  rowNumberField('expectedOrderValue', 'expected spend per order', (r) => r['expectedOrderValue']),
  rowNumberField('predictedSpend', 'expected spend in the horizon', (r) => r['predictedSpend']),
  rowNumberField('predictedSpendLow', '10th percentile of spend in the horizon', (r) => r['predictedSpendLow']),
  rowNumberField('predictedSpendHigh', '90th percentile of spend in the horizon', (r) => r['predictedSpendHigh']),
  rowNumberField('clvHorizonDays', 'the CLV horizon in days', (r) => r['clvHorizonDays']),
  rowNumberField('annualDiscountRate', 'the yearly discount rate of predicted CLV', (r) => r['annualDiscountRate']),
  rowNumberField('monetaryValue', 'mean repeat spend (lifetimes)', (r) => r['monetaryValue']),
  rowDateField('firstOrderDate', 'the first purchase day', (r) => r['firstOrderDate']),
  rowDateField('lastOrderDate', 'the last purchase day', (r) => r['lastOrderDate']),
  rowDateField('expectedNextOrderDate', 'the day expected orders reach 1 (missing when beyond the CLV horizon or P(alive) < 0.5)', (r) => r['expectedNextOrderDate']),
  rowStringField('customerId', 'the customer id', (r) => r['customerId']),
  rfmScoreField('recencyScore', 'recency'),
  rfmScoreField('frequencyScore', 'frequency'),
  rfmScoreField('monetaryScore', 'monetary'),
];
