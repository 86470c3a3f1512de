import { normalizeEmail } from '../../identity/normalize-email.js';
import { normalizePhone } from '../../identity/normalize-phone.js';
import type { AudienceCandidate, DeclaredProfileColumn } from '../audience-person.js';
import { emailDomainClass } from './email-domain-class.js';
import { epochDayOf } from './epoch-day.js';
import { tenureBucket } from './tenure-bucket.js';

/** A categorical feature: one level per person; `unknown` where missing, `other` for levels too rare to learn from. */
export interface CategoricalColumn {
  name: string;
  /** Level index per person (into `levels`). */
  codes: Uint16Array;
  levels: string[];
}

/** A numeric feature: one value per person, NaN where missing or unreadable. */
export interface NumericColumn {
  name: string;
  values: Float64Array;
}

/** Every person's features, column by column; rows are the people in the order given to buildFeatureTable. */
export interface FeatureTable {
  rows: number;
  categorical: CategoricalColumn[];
  numeric: NumericColumn[];
}

/** Levels seen fewer times than this are pooled as `other`: a handful of people says nothing reliable about a level. */
export const MIN_LEVEL_COUNT = 10;
const MAX_LEVELS = 60;
const MS_PER_DAY = 86_400_000;

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

const text = (raw: string | null | undefined): string | null => {
  const trimmed = raw?.trim() ?? '';
  return trimmed.length === 0 ? null : trimmed;
};

/**
 * The features prospects share with customers: the profile columns (country, acquisition channel,
 * signup tenure, email domain class, a valid phone) and every declared extra column, read by its
 * declared type (numbers and dates as numbers: a date is its age in days at `asOfDay`; categories
 * and booleans as levels).
 */
export function buildFeatureTable(people: readonly AudienceCandidate[], declared: readonly DeclaredProfileColumn[], asOfDay: number): FeatureTable {
  const categorical: CategoricalColumn[] = [
    categoricalColumn('country', people.map((p) => text(p.country)?.toUpperCase() ?? null)),
    categoricalColumn('acquisition_channel', people.map((p) => text(p.acquisitionChannel)?.toLowerCase() ?? null)),
    categoricalColumn('signup_tenure', people.map((p) => tenureBucket(p.signupDate, asOfDay))),
    categoricalColumn('email_domain', people.map((p) => emailDomainClass(normalizeEmail(p.email)))),
    categoricalColumn('phone', people.map((p) => (normalizePhone(p.phone, p.country) === null ? 'absent' : 'present'))),
  ];
  const numeric: NumericColumn[] = [];
  for (const column of declared) {
    const raw = people.map((p) => text(p.extras?.[column.name]));
    if (column.type === 'category') categorical.push(categoricalColumn(column.name, raw.map((value) => value?.toLowerCase() ?? null)));
    else if (column.type === 'boolean') categorical.push(categoricalColumn(column.name, raw.map(booleanLevel)));
    else if (column.type === 'number') numeric.push({ name: column.name, values: Float64Array.from(raw, numberOf) });
    else numeric.push({ name: `${column.name}_age_days`, values: Float64Array.from(raw, (value) => ageInDays(value, asOfDay)) });
  }
  return { rows: people.length, categorical, numeric };
}

function categoricalColumn(name: string, values: readonly (string | null)[]): CategoricalColumn {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  // Most frequent first (then by name, so the order never depends on the input order); the tail is `other`.
  const kept = [...counts]
    .filter(([, count]) => count >= MIN_LEVEL_COUNT)
    .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : 1))
    .slice(0, MAX_LEVELS)
    .map(([level]) => level);
  const levels = ['unknown', 'other', ...kept.filter((level) => level !== 'unknown' && level !== 'other')];
  const index = new Map(levels.map((level, i) => [level, i]));
  const codes = Uint16Array.from(values, (value) => (value === null ? 0 : (index.get(value) ?? 1)));
  return { name, codes, levels };
}

function booleanLevel(value: string | null): string | null {
  if (value === null) return null;
  const word = value.toLowerCase();
  return TRUE_WORDS.has(word) ? 'true' : FALSE_WORDS.has(word) ? 'false' : null;
}

function numberOf(value: string | null): number {
  if (value === null) return Number.NaN;
  const number = Number(value.replace(/[\s,](?=\d{3}\b)/g, ''));
  return Number.isFinite(number) ? number : Number.NaN;
}

function ageInDays(value: string | null, asOfDay: number): number {
  const day = epochDayOf(value);
  if (day !== null) return asOfDay - day;
  const parsed = value === null ? Number.NaN : Date.parse(value);
  return Number.isFinite(parsed) ? asOfDay - Math.floor(parsed / MS_PER_DAY) : Number.NaN;
}

/** The feature names a model over this table can use, for the manifest. */
export function featureNamesOf(table: FeatureTable): string[] {
  return [...table.categorical.map((c) => c.name), ...table.numeric.map((n) => n.name)];
}
