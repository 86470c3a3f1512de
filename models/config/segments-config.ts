import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { DEFAULT_INGEST_LIMITS, MAX_ID_LENGTH_LIMIT } from '../extracts/ingest-limits.js';
import type { ExtractSchema } from '../extracts/extract-schemas.js';
import { mappableColumns } from '../extracts/resolve-columns.js';
import { DEFAULT_CLV_SETTINGS, MAX_CLV_HORIZON_DAYS } from '../scoring/clv-settings.js';
import { DEFAULT_SEGMENTATION_SETTINGS, SegmentationSettingsSchema, segmentationSettingsIssues, withProfile, type SegmentationProfile } from '../segmentation/index.js';
import { ConfigurationError } from './errors.js';
import { RetentionSectionSchema } from './retention-section.js';
import { ScheduleSectionSchema } from './schedule-section.js';
import { WritesSectionSchema } from './writes-section.js';
import { EventsSectionSchema } from './events-section.js';
import { ProfileSectionSchema } from './profile-section.js';
import { AudiencesSettingsSchema, audienceSeedIssues } from '../audiences/audience-settings.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD');

const regularExpression = z.string().refine((pattern) => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** canonical column -> the header used in the data team's files, for one extract kind (only its schema's columns). */
const columnMapping = (kind: ExtractSchema['kind']) =>
  z
    .record(z.string(), z.string().trim().min(1))
    .superRefine((mapping, context) => {
      const valid = mappableColumns(kind);
      for (const column of Object.keys(mapping).filter((c) => !valid.includes(c))) {
        context.addIssue({ code: 'custom', path: [column], message: `${kind} extracts have no column "${column}"; the columns that can be mapped are ${valid.join(', ')}` });
      }
    })
    .optional();

const IngestSection = z
  .object({
    maxAbsAmount: z.number().positive().finite().default(DEFAULT_INGEST_LIMITS.maxAbsAmount),
    maxIdLength: z.number().int().min(1).max(MAX_ID_LENGTH_LIMIT).default(DEFAULT_INGEST_LIMITS.maxIdLength),
    earliestDate: isoDay.default(DEFAULT_INGEST_LIMITS.earliestDate),
    maxDaysAhead: z.number().int().min(0).max(366).default(DEFAULT_INGEST_LIMITS.maxDaysAhead),
    cancellationPattern: regularExpression.default(DEFAULT_INGEST_LIMITS.cancellationPattern),
  })
  .strict();

export const MAX_HORIZON_DAYS = 730;

/** The prediction horizon and how predicted lifetime value looks ahead. */
const ScoringSection = z
  .object({
    /** Absent: the deployment's (the Lambda environment's HORIZON_DAYS, a CDK property, 90 by default). */
    horizonDays: z.number().int().min(1).max(MAX_HORIZON_DAYS).optional(),
    /** Absent: the deployment's (CLV_HORIZON_DAYS, the construct's clvHorizonDays), 365 by default. */
    clvHorizonDays: z.number().int().min(1).max(MAX_CLV_HORIZON_DAYS).optional(),
    annualDiscountRate: z.number().min(0).max(1).default(DEFAULT_CLV_SETTINGS.annualDiscountRate),
  })
  .strict();

/**
 * `segments.config.yaml`: everything a data team tunes, in one file (JSON is accepted too, being
 * YAML). Each section has defaults, so an empty file is a valid configuration.
 */
export const SegmentsConfigSchema = z
  .object({
    mapping: z.object({ orders: columnMapping('orders'), customers: columnMapping('customers'), prospects: columnMapping('prospects') }).strict().default({}),
    ingest: IngestSection.default(IngestSection.parse({})),
    scoring: ScoringSection.default(ScoringSection.parse({})),
    /** Extra profile columns with their types, and the consent default (models/config/profile-section.ts). */
    profile: ProfileSectionSchema.default(ProfileSectionSchema.parse({})),
    /** Segment families, user-defined segments and exclusive groups (models/segmentation, README "Segments"). */
    segments: SegmentationSettingsSchema.default(DEFAULT_SEGMENTATION_SETTINGS),
    /** Lookalike audiences: seed segment, pool, size, destinations, refresh (models/audiences/audience-settings.ts). */
    audiences: AudiencesSettingsSchema.default([]),
    /** The nightly run's timing, applied at deploy time (models/config/schedule-section.ts). */
    schedule: ScheduleSectionSchema.default(ScheduleSectionSchema.parse({})),
    /** Days the bucket keeps derived files, applied as S3 lifecycle rules at deploy time (models/config/retention-section.ts). */
    retention: RetentionSectionSchema.default(RetentionSectionSchema.parse({})),
    /** When a rescore rewrites a customer's score item: the tolerances of each score (models/config/writes-section.ts). */
    writes: WritesSectionSchema.default(WritesSectionSchema.parse({})),
    /** What Publish sends about membership changes: one event per change, or batched (models/config/events-section.ts). */
    events: EventsSectionSchema.default(EventsSectionSchema.parse({})),
  })
  .strict();

export type SegmentsConfig = z.infer<typeof SegmentsConfigSchema>;
export type ColumnMappingConfig = SegmentsConfig['mapping'];
export type ScoringConfig = SegmentsConfig['scoring'];
export type SegmentsSectionConfig = SegmentsConfig['segments'];
export type ProfileConfig = SegmentsConfig['profile'];

export const DEFAULT_SEGMENTS_CONFIG: SegmentsConfig = SegmentsConfigSchema.parse({});

/** What segment rules read of the profile section: the declared columns and the consent default. */
const segmentationProfileOf = (profile: ProfileConfig): SegmentationProfile => ({
  columns: Object.entries(profile.columns).map(([name, column]) => ({ name, ...column })),
  consentDefault: profile.consent.default,
});

/** Parses and validates the file's text; errors name the file and the path of each offending entry. */
export function parseSegmentsConfig(text: string, source: string): SegmentsConfig {
  let document: unknown;
  try {
    document = parseYaml(text) ?? {};
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new ConfigurationError(`${source} is not valid YAML or JSON${where}: ${(error as Error).message.split('\n')[0]}`, [], { cause: error });
  }
  const parsed = SegmentsConfigSchema.safeParse(document);
  if (parsed.success) {
    // The rules and thresholds of the segments section, checked as segmentation compiles them, with the profile columns declared.
    const config = { ...parsed.data, segments: withProfile(parsed.data.segments, segmentationProfileOf(parsed.data.profile)) };
    const problems = segmentationSettingsIssues(config.segments);
    if (problems.length === 0) return withAudienceSeedsChecked(config, source);
    const issues = problems.map((issue) => ({ path: ['segments', ...issue.path].map(String).join('.'), message: issue.message }));
    const list = issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    throw new ConfigurationError(`${source} is not a valid configuration:\n${list}`, issues, { cause: problems[0]?.error });
  }
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(top level)', message: issue.message }));
  const list = issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
  throw new ConfigurationError(`${source} is not a valid configuration:\n${list}`, issues, { cause: parsed.error });
}

/** Each audience's seed segments must be segments this configuration defines (the segments section is valid by now). */
function withAudienceSeedsChecked(config: SegmentsConfig, source: string): SegmentsConfig {
  const issues = audienceSeedIssues(config.audiences, config.segments).map((issue) => ({ path: ['audiences', ...issue.path].map(String).join('.'), message: issue.message }));
  if (issues.length === 0) return config;
  throw new ConfigurationError(`${source} is not a valid configuration:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, issues);
}
