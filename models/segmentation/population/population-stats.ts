import { SegmentationError } from '../errors.js';
import { epochDayOf, isoDayOf } from '../days.js';
import { clvTierCutoffs, clvTiersOf } from '../families/clv-tiers.js';
import { toScoreColumns, type ScoreColumns } from '../score-columns.js';
import type { SegmentationScore } from '../segmentation-score.js';
import { planSegmentation } from '../segmentation-plan.js';
import type { SegmentationSettings } from '../settings/index.js';
import { countAbove, sortedAscending } from '../sorted-counts.js';
import { nearestRankPercentiles } from './percentiles.js';
import { higherIsBetterThresholds, lowerIsBetterThresholds } from './quintile-thresholds.js';

/**
 * What segmenting one customer needs to know about everyone: a few order statistics per field,
 * and the settings and day they were computed for. With them a shard of customers gets exactly
 * the segments it would get if the whole population were segmented at once, and the statistics
 * of a million customers fit in a few kilobytes that every shard reads.
 */
export interface PopulationStats {
  customers: number;
  /**
   * Quintile thresholds: entry k (k = 1..4) is the value at rank position ceil(k·n/5) in the
   * field's "worse" order, or null when that position does not exist (fewer customers).
   * A customer's score is 1 + the number of thresholds it beats strictly.
   */
  quintiles: { recencyDays: (number | null)[]; frequency: (number | null)[]; monetary: (number | null)[] };
  /**
   * For each value tier, the last customer inside it in (predicted value descending, id
   * ascending) order, or null when the tier is empty. A customer is in the first tier whose
   * last customer does not rank before it.
   */
  tierEnds: ({ value: number; customerId: string } | null)[];
  /** Field (or `daysSince(...)` expression) -> `pNN` -> its nearest-rank percentile (null: no values); what `pNN` cut-offs and rules read. */
  percentiles?: Record<string, Record<string, number | null>>;
  /** The as-of day (YYYY-MM-DD) rules' `asOf` and `daysSince` are relative to. */
  asOf?: string | null;
  /** The `segments` settings these statistics were computed for: every shard segments with them. */
  settings?: SegmentationSettings;
  /** Family id -> what the family fitted to this population (SegmentFamily.fit), e.g. `cluster`: the centroids and personas. */
  fitted?: Record<string, unknown>;
}

export interface PopulationStatsOptions {
  settings?: SegmentationSettings;
  /** YYYY-MM-DD; by default derived from the score rows (first order date + T). */
  asOf?: string;
  /** The previous published run's statistics (and its id): fitted families keep their segment ids stable against them. */
  previous?: { runId: string | null; population: PopulationStats } | null;
}

/** The statistics of a population, from all of its customers' scores. */
export function computePopulationStats(scores: readonly SegmentationScore[], options: PopulationStatsOptions = {}): PopulationStats {
  return populationStatsOf(scores, toScoreColumns(scores), options);
}

/** computePopulationStats from columns already built (and checked) from the same scores. */
export function populationStatsOf(scores: readonly SegmentationScore[], columns: ScoreColumns, options: PopulationStatsOptions): PopulationStats {
  const plan = planSegmentation(options.settings);
  const n = scores.length;
  const cutoffs = clvTierCutoffs(n, clvTiersOf(plan.settings.valueTiers.topPercents));
  const tierEnds = rankedAt(scores, columns.predictedClv, cutoffs.map((cutoff) => Math.min(cutoff, n) - 1));
  const asOfDay = options.asOf !== undefined ? epochDayOf(options.asOf) : asOfDayOfRows(scores);
  const input = {
    scores,
    asOfDay,
    rfmScores: () => {
      throw new SegmentationError('RFM scores have no population percentiles');
    },
  };
  const percentiles: Record<string, Record<string, number | null>> = {};
  for (const [name, { field, percentiles: wanted }] of plan.percentiles) {
    percentiles[name] = nearestRankPercentiles(field.column(input) as Float64Array, [...wanted].sort((a, b) => a - b));
  }
  const fitted: Record<string, unknown> = {};
  for (const { family } of plan.families) {
    if (!family.fit) continue;
    const before = options.previous?.population.fitted?.[family.id];
    const previous = before === undefined ? null : { runId: options.previous?.runId ?? null, fitted: before };
    fitted[family.id] = family.fit({ scores, columns, settings: plan.settings, asOfDay, previous });
  }
  return {
    customers: n,
    quintiles: {
      recencyDays: lowerIsBetterThresholds(sortedAscending(columns.recencyDays)),
      frequency: higherIsBetterThresholds(sortedAscending(columns.frequency)),
      monetary: higherIsBetterThresholds(sortedAscending(columns.monetary)),
    },
    tierEnds,
    percentiles,
    asOf: Number.isNaN(asOfDay) ? null : isoDayOf(asOfDay),
    settings: plan.settings,
    ...(Object.keys(fitted).length > 0 ? { fitted } : {}),
  };
}

/**
 * The customers at the given 0-based positions of the (predicted value descending, customer id
 * ascending) order, null for a negative position. One native sort of the values; only the tie
 * group at each position is sorted by id, instead of sorting a million customers by (value, id).
 */
function rankedAt(scores: readonly SegmentationScore[], values: Float64Array, positions: readonly number[]): ({ value: number; customerId: string } | null)[] {
  const ascending = sortedAscending(values);
  const n = values.length;
  return positions.map((position) => {
    if (position < 0) return null;
    const value = ascending[n - 1 - position] as number;
    const above = countAbove(ascending, value);
    const tied: string[] = [];
    for (let i = 0; i < n; i++) if (values[i] === value) tied.push((scores[i] as SegmentationScore).customerId);
    tied.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { value, customerId: tied[position - above] as string };
  });
}

/** The as-of day a score row implies (its first order date + T days), NaN when no row says. */
export function asOfDayOfRows(scores: readonly SegmentationScore[]): number {
  for (const score of scores) {
    const first = epochDayOf(score.row?.['firstOrderDate']);
    if (!Number.isNaN(first)) return first + score.tenureDays;
  }
  return Number.NaN;
}
