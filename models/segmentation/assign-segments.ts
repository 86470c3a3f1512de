import { epochDayOf } from './days.js';
import { SegmentationInputError } from './errors.js';
import { rfmScoresOf, type RfmScores } from './families/rfm-scores.js';
import type { SegmentationContext } from './families/segment-family.js';
import { asOfDayOfRows, populationStatsOf, type PopulationStats } from './population/population-stats.js';
import { assignCustomSegments } from './rules/assign-custom-segments.js';
import { registeredSegmentFields } from './rules/field-registry.js';
import type { FieldColumn, SegmentField } from './rules/segment-fields.js';
import { toScoreColumns } from './score-columns.js';
import type { SegmentDefinition } from './segment-definition.js';
import type { SegmentationScore } from './segmentation-score.js';
import { planSegmentation } from './segmentation-plan.js';
import { percentileKey, type SegmentationSettings } from './settings/index.js';

export interface SegmentAssignmentOptions {
  /** The `segments` section; by default the population's (what the run computed it for), else the defaults. */
  settings?: SegmentationSettings;
  /**
   * The population the quintiles, tiers and percentiles rank against, when `scores` are one shard
   * of it; by default the scores themselves are the population.
   */
  population?: PopulationStats;
  /** YYYY-MM-DD; by default the population's, else derived from the score rows. */
  asOf?: string;
}

export interface SegmentAssignment {
  /** Every segment that can be assigned: the families' in registration order, then the user-defined ones. */
  definitions: SegmentDefinition[];
  /** customerId -> segment ids, in the order of `definitions`. */
  memberships: Map<string, string[]>;
  /** Segment id -> number of members, including empty segments. */
  sizes: Map<string, number>;
}

/**
 * Gives every customer one segment of each enabled family (RFM, value tier, churn band, lifecycle
 * stage, predictive grid; at most one for high value at risk) and every user-defined segment whose
 * rule it matches. Scans typed columns; O(n log n) only where the population is computed here.
 * Throws SegmentationInputError on non-finite numbers, a churn probability outside [0, 1], a
 * repeated customerId, or population statistics computed for other settings; SegmentRuleError on
 * settings that do not compile.
 */
export function assignSegments(scores: readonly SegmentationScore[], options: SegmentAssignmentOptions = {}): SegmentAssignment {
  const settingsPlan = planSegmentation(options.settings ?? options.population?.settings);
  const columns = toScoreColumns(scores);
  const asOf = options.asOf ?? options.population?.asOf ?? undefined;
  const population = options.population ?? populationStatsOf(scores, columns, { settings: settingsPlan.settings, ...(asOf ? { asOf } : {}) });
  const plan = planSegmentation(settingsPlan.settings, population);
  const asOfDay = asOf ? epochDayOf(asOf) : asOfDayOfRows(scores);
  let rfm: RfmScores | undefined;
  const fieldColumns = new Map<string, FieldColumn>();
  const columnOf = (field: SegmentField): FieldColumn =>
    fieldColumns.get(field.name) ?? fieldColumns.set(field.name, field.column({ scores, asOfDay, rfmScores: context.rfmScores })).get(field.name)!;
  const context: SegmentationContext = {
    scores,
    columns,
    population,
    settings: plan.settings,
    asOfDay,
    rfmScores: () => (rfm ??= rfmScoresOf(columns, population, plan.settings.rfm)),
    fieldColumn: (name) => columnOf(registeredSegmentFields().get(name) as SegmentField) as Float64Array,
    threshold: (spec, field) => (typeof spec === 'number' ? spec : percentileFrom(population, field, Number(spec.slice(1)))),
  };
  checkTiers(plan.families, population);

  const familyAssignments = plan.families.map(({ family }) => family.assign(context));
  const custom = assignCustomSegments(plan, scores.length, familyAssignments, {
    asOfDay,
    column: columnOf,
    percentile: (field, percentile) => percentileFrom(population, field, percentile),
  });

  const familyIds = plan.families.map(({ definitions }) => definitions.map((d) => d.id));
  const familyCounts = familyIds.map((ids) => new Float64Array(ids.length));
  const customIds = plan.custom.definitions.map((d) => d.id);
  const customFlags = plan.custom.definitions.map((d) => custom.get(d.id) as Uint8Array);
  const customCounts = new Float64Array(customIds.length);
  const memberships = new Map<string, string[]>();
  for (let i = 0; i < scores.length; i++) {
    const { customerId } = scores[i] as SegmentationScore;
    const ids: string[] = [];
    for (let f = 0; f < familyAssignments.length; f++) {
      const k = (familyAssignments[f] as Int16Array)[i] as number;
      if (k < 0) continue;
      ids.push((familyIds[f] as string[])[k] as string);
      const counts = familyCounts[f] as Float64Array;
      counts[k] = (counts[k] as number) + 1;
    }
    for (let c = 0; c < customFlags.length; c++) {
      if ((customFlags[c] as Uint8Array)[i] === 0) continue;
      ids.push(customIds[c] as string);
      customCounts[c] = (customCounts[c] as number) + 1;
    }
    if (memberships.has(customerId)) throw new SegmentationInputError(`Customer ${customerId} appears more than once`, { customerId });
    memberships.set(customerId, ids);
  }
  const sizes = new Map<string, number>();
  familyIds.forEach((ids, f) => ids.forEach((id, k) => sizes.set(id, (familyCounts[f] as Float64Array)[k] as number)));
  customIds.forEach((id, c) => sizes.set(id, customCounts[c] as number));
  return { definitions: plan.definitions, memberships, sizes };
}

/**
 * The catalogue: every segment the settings define, without assigning anyone. Segments learnt from
 * the data (clusters) are known only with the run's population statistics.
 */
export function segmentDefinitions(settings?: SegmentationSettings, population?: PopulationStats): SegmentDefinition[] {
  return planSegmentation(settings, population).definitions;
}

function percentileFrom(population: PopulationStats, field: string, percentile: number): number {
  const value = population.percentiles?.[field]?.[percentileKey(percentile)];
  if (value === undefined) {
    throw new SegmentationInputError(`The population statistics carry no ${percentileKey(percentile)} of ${field}: compute them with the same segments settings (computePopulationStats)`);
  }
  return value === null ? Number.NaN : value;
}

function checkTiers(families: ReturnType<typeof planSegmentation>['families'], population: PopulationStats): void {
  const tiers = families.find(({ family }) => family.id === 'clv-tier');
  if (tiers && tiers.definitions.length !== population.tierEnds.length) {
    throw new SegmentationInputError(`The population statistics have ${population.tierEnds.length} value tiers and the settings ${tiers.definitions.length}: compute them with the same segments settings`);
  }
}
