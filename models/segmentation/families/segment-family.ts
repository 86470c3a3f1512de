import type { PopulationStats } from '../population/population-stats.js';
import type { ScoreColumns } from '../score-columns.js';
import type { SegmentDefinition } from '../segment-definition.js';
import type { SegmentationScore } from '../segmentation-score.js';
import type { SegmentationSettings } from '../settings/index.js';
import type { RfmScores } from './rfm-scores.js';

/** A percentile of a field (or field expression such as `daysSince(lastOrderDate)`) the population statistics must carry. */
export interface PercentileNeed {
  field: string;
  percentile: number;
}

/** What a family reads to assign one shard (or a whole population) of customers. */
export interface SegmentationContext {
  scores: readonly SegmentationScore[];
  columns: ScoreColumns;
  population: PopulationStats;
  settings: SegmentationSettings;
  /** The as-of day as days since 1970-01-01, NaN when unknown. */
  asOfDay: number;
  /** RFM scores 1..5 per customer, computed once on first use. */
  rfmScores(): RfmScores;
  /** A registered field's column for this shard (NaN where missing), built once. */
  fieldColumn(name: string): Float64Array;
  /** A cut-off as configured (number, or `pNN` of `field` from the population statistics). */
  threshold(spec: number | string, field: string): number;
}

/** What a family fitted to the population (clusters) learns from: every scored customer of the run. */
export interface FamilyFitInput {
  scores: readonly SegmentationScore[];
  columns: ScoreColumns;
  settings: SegmentationSettings;
  asOfDay: number;
  /** What the family fitted at the previous published run (its `fitted` entry), if any: to keep ids stable. */
  previous: { runId: string | null; fitted: unknown } | null;
}

/**
 * A family of segments: its definitions given the settings, and for each customer the one
 * segment of the family it belongs to (or none). Families are registered (registerSegmentFamily)
 * and assigned in registration order; their members are what `segment:` references in rules see.
 */
export interface SegmentFamily {
  /** The catalogue's family name and the prefix of its segment ids (`rfm` -> `rfm:champions`), except where `prefix` says otherwise. */
  readonly id: string;
  enabled(settings: SegmentationSettings): boolean;
  /** Throws SegmentRuleError (with the path in the segments section) on settings it cannot use. */
  check?(settings: SegmentationSettings): void;
  /** `fitted`: what fit() returned for this run, when the family has fit (absent at configuration time). */
  definitions(settings: SegmentationSettings, fitted?: unknown): SegmentDefinition[];
  /**
   * For families whose segments are learnt from the data (clusters): called once per run on the
   * whole population when its statistics are computed; the result (JSON) is stored in them
   * (`fitted[id]`) so every shard assigns with the same fit.
   */
  fit?(input: FamilyFitInput): unknown;
  /** Population percentiles the family's cut-offs use. */
  percentiles?(settings: SegmentationSettings): PercentileNeed[];
  /** Per customer, the index into definitions(settings) of its segment, or -1. */
  assign(context: SegmentationContext): Int16Array;
}
