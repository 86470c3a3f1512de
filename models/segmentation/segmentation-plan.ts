import { SegmentRuleError } from './errors.js';
import { registeredSegmentFamilies } from './families/registry.js';
import type { SegmentFamily } from './families/segment-family.js';
import type { PopulationStats } from './population/population-stats.js';
import { compileCustomSegments, type CustomSegmentPlan } from './rules/custom-segments.js';
import { registeredSegmentFields } from './rules/field-registry.js';
import { declaredProfileField } from './rules/profile-fields.js';
import { rowDateField, rowNumberField, rowStringField, type ProfileColumnRef, type SegmentField } from './rules/segment-fields.js';
import type { SegmentDefinition } from './segment-definition.js';
import { DEFAULT_SEGMENTATION_SETTINGS, type SegmentationSettings } from './settings/index.js';

const SEGMENT_ID = /^[a-z0-9-]+:[a-z0-9-]+$/;

/** The settings checked and compiled: which families run, the user-defined segments, and the percentiles the population must carry. */
export interface SegmentationPlan {
  settings: SegmentationSettings;
  families: { family: SegmentFamily; definitions: SegmentDefinition[] }[];
  custom: CustomSegmentPlan;
  /** Every assignable segment: the families' in registration order, then the user-defined ones. */
  definitions: SegmentDefinition[];
  /** Field name -> the field and the percentiles of it the population statistics must carry. */
  percentiles: Map<string, { field: SegmentField; percentiles: Set<number> }>;
}

const plans = new WeakMap<SegmentationSettings, SegmentationPlan>();
const fittedPlans = new WeakMap<PopulationStats, SegmentationPlan>();

/**
 * Checks and compiles the `segments` section (once per settings object). Throws SegmentRuleError
 * naming the entry's path and the reason: unknown field, type mismatch, unknown or circular
 * segment reference, unordered thresholds, an id that is not `family:slug`.
 */
export function planSegmentation(settings: SegmentationSettings = DEFAULT_SEGMENTATION_SETTINGS, population?: PopulationStats): SegmentationPlan {
  // A population with fitted families (clusters) has its own plan: their segments come from the fit.
  const fitted = population?.fitted;
  const cache = fitted ? fittedPlans : plans;
  const key = fitted ? (population as PopulationStats) : settings;
  const cached = (cache as WeakMap<object, SegmentationPlan>).get(key);
  if (cached && cached.settings === settings) return cached;
  const fields = fieldsOf(settings);
  const families = registeredSegmentFamilies()
    .filter((family) => family.enabled(settings))
    .map((family) => {
      family.check?.(settings);
      return { family, definitions: family.definitions(settings, fitted?.[family.id]) };
    });
  const builtInIds = new Set<string>();
  for (const { definitions } of families) {
    for (const { id } of definitions) {
      if (!SEGMENT_ID.test(id)) throw new SegmentRuleError([], `segment id ${id} is not lower-case family:slug`);
      if (builtInIds.has(id)) throw new SegmentRuleError([], `segment id ${id} is defined twice`);
      builtInIds.add(id);
    }
  }
  const custom = compileCustomSegments(settings, builtInIds, fields);
  const percentiles = new Map<string, { field: SegmentField; percentiles: Set<number> }>();
  const need = (field: SegmentField, percentile: number) => {
    const entry = percentiles.get(field.name) ?? percentiles.set(field.name, { field, percentiles: new Set() }).get(field.name)!;
    entry.percentiles.add(percentile);
  };
  for (const { family } of families) {
    for (const { field, percentile } of family.percentiles?.(settings) ?? []) need(fields.get(field) as SegmentField, percentile);
  }
  for (const { rule } of custom.order) for (const { field, percentile } of rule.percentiles) need(rule.fields.get(field) as SegmentField, percentile);
  const plan: SegmentationPlan = { settings, families, custom, definitions: [...families.flatMap((f) => f.definitions), ...custom.definitions], percentiles };
  (cache as WeakMap<object, SegmentationPlan>).set(key, plan);
  return plan;
}

/** The registered fields, the extra profile columns `profile.columns` declares, and the columns `segments.fields` declares. */
function fieldsOf(settings: SegmentationSettings): Map<string, SegmentField> {
  const fields = new Map(registeredSegmentFields());
  for (const column of settings.profile?.columns ?? []) {
    const taken = fields.get(column.name);
    if (taken) {
      throw new SegmentRuleError([], `profile.columns.${column.name}: ${taken.profile ? 'a built-in profile column' : 'the name of a built-in field'}; rename the extract's column (mapping) to declare it`);
    }
    fields.set(column.name, declaredProfileField(column));
  }
  settings.fields.forEach((declared, index) => {
    const existing = fields.get(declared.name);
    // Files written before profile columns reached the score rows declared them here; the same type stands.
    if (existing?.profile && existing.type === declared.type) return;
    if (existing) throw new SegmentRuleError(['fields', index, 'name'], `${declared.name} is already a field${existing.profile ? ` (a profile column, ${existing.type === 'string' ? 'text' : existing.type})` : ''}`);
    const description = declared.description ?? `the ${declared.name} column of the score rows`;
    const make = declared.type === 'number' ? rowNumberField : declared.type === 'date' ? rowDateField : rowStringField;
    fields.set(declared.name, make(declared.name, description));
  });
  return fields;
}

/**
 * The profile columns the plan's rules read (directly or through daysSince / daysUntil), each
 * once: what the rows segmented with this plan must carry beside the scores.
 */
export function profileColumnsRead(plan: SegmentationPlan): ProfileColumnRef[] {
  const read = new Map<string, ProfileColumnRef>();
  for (const { rule } of plan.custom.order) for (const field of rule.fields.values()) if (field.profile) read.set(field.profile.column, field.profile);
  for (const { field } of plan.percentiles.values()) if (field.profile) read.set(field.profile.column, field.profile);
  return [...read.values()];
}

/**
 * Problems with the settings as configuration-file issues (path within the `segments` section,
 * reason), empty when they compile: what the configuration parser reports.
 */
export function segmentationSettingsIssues(settings: SegmentationSettings): { path: (string | number)[]; message: string; error: SegmentRuleError }[] {
  try {
    planSegmentation(settings);
    return [];
  } catch (error) {
    if (!(error instanceof SegmentRuleError)) throw error;
    return [{ path: [...error.path], message: error.message.replace(/ \(at segments\.[^)]*\)$/, ''), error }];
  }
}
