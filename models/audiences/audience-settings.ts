import { z } from 'zod';
import { planSegmentation, type SegmentationSettings } from '../segmentation/index.js';
import type { DestinationId } from './audience-version.js';
import { SIMILARITY_FAMILIES } from './similarity/registry.js';

/** The smallest seed an audience is built from: below it, held-out recall measures noise and platforms refuse the list anyway. */
export const MIN_SEED_SIZE = 100;
/** Bounds of `size.share`: the share of the pool the audience keeps (1% to 10%, as the ad platforms' lookalike sizes). */
export const MIN_POOL_SHARE = 0.01;
export const MAX_POOL_SHARE = 0.1;

export const AUDIENCE_DESTINATION_IDS = ['meta', 'google'] as const satisfies readonly DestinationId[];
export const REFRESH_CADENCES = ['every-run', 'weekly', 'monthly'] as const;
export type RefreshCadence = (typeof REFRESH_CADENCES)[number];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** `family:slug` (a built-in or `custom:` segment as memberships name it), or a bare user-defined segment id. */
const SEGMENT_REF = /^(?:[a-z0-9-]+:)?[a-z0-9]+(?:-[a-z0-9]+)*$/;

const segmentRef = z.string().regex(SEGMENT_REF, 'expected a segment id such as clv:top-10, or a user-defined segment id such as vip');

const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;

const SeedSettings = z
  .object({
    /** One segment, or several whose members together are the seed (for example the top CLV tiers). */
    segment: z.union([segmentRef, z.array(segmentRef).min(1, 'list at least one segment').refine(distinct, 'a segment is listed twice')]),
    /** Weight seed members by predicted value (Meta's value-based lookalikes); destinations then get a `value` column. */
    valueWeighted: z.boolean().default(false),
  })
  .strict();

const PoolSettings = z
  .object({
    prospects: z.boolean().default(true),
    /** Existing customers outside the seed: off by default, a lookalike audience is for finding new people. */
    customersOutsideSeed: z.boolean().default(false),
  })
  .strict()
  .refine((pool) => pool.prospects || pool.customersOutsideSeed, 'the pool is empty: set prospects or customersOutsideSeed (or both) to true');

const SizeSettings = z
  .object({
    share: z
      .number()
      .min(MIN_POOL_SHARE, `a share of the pool is between ${MIN_POOL_SHARE} (1%) and ${MAX_POOL_SHARE} (10%)`)
      .max(MAX_POOL_SHARE, `a share of the pool is between ${MIN_POOL_SHARE} (1%) and ${MAX_POOL_SHARE} (10%)`)
      .optional(),
    count: z.number().int('a count is a whole number of people').min(1, 'a count is at least 1').optional(),
  })
  .strict()
  .refine((size) => (size.share === undefined) !== (size.count === undefined), 'give either share (of the pool, 0.01 to 0.10) or count, not both and not neither');

export const AudienceDefinitionSchema = z
  .object({
    id: z.string().regex(SLUG, 'expected a kebab-case id such as top-clv-lookalike (lower-case letters, digits, single dashes)'),
    name: z.string().min(1).optional(),
    seed: SeedSettings,
    pool: PoolSettings.default({ prospects: true, customersOutsideSeed: false }),
    size: SizeSettings.default({ share: 0.05 }),
    destinations: z
      .array(z.enum(AUDIENCE_DESTINATION_IDS, `expected a destination: ${AUDIENCE_DESTINATION_IDS.join(' or ')}`))
      .min(1, 'list at least one destination (meta, google)')
      .refine(distinct, 'a destination is listed twice'),
    /** When a new version is produced: every run, or once the last version is a week (a calendar month) old. See audienceRefreshDue. */
    refresh: z.enum(REFRESH_CADENCES, `expected a refresh cadence: ${REFRESH_CADENCES.join(', ')}`).default('every-run'),
    /** The similarity family, or `auto`: every registered family, the best on the held-out seed wins. */
    model: z
      .string()
      .refine((id) => id === 'auto' || SIMILARITY_FAMILIES.some((family) => family.id === id), `expected auto or a similarity model: ${SIMILARITY_FAMILIES.map((f) => f.id).join(', ')}`)
      .default('auto'),
  })
  .strict();

/** The configuration file's `audiences` section: a list of audience definitions, ids unique. */
export const AudiencesSettingsSchema = z.array(AudienceDefinitionSchema).superRefine((audiences, context) => {
  const seen = new Set<string>();
  audiences.forEach((audience, index) => {
    if (seen.has(audience.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `audience id ${audience.id} is used twice` });
    seen.add(audience.id);
  });
});

export type AudienceDefinition = z.infer<typeof AudienceDefinitionSchema>;
export type AudiencesSettings = z.infer<typeof AudiencesSettingsSchema>;

/** The seed's segments as memberships name them: a bare user-defined id `vip` is `custom:vip`. */
export function seedSegmentsOf(definition: Pick<AudienceDefinition, 'seed'>): string[] {
  const refs = typeof definition.seed.segment === 'string' ? [definition.seed.segment] : definition.seed.segment;
  return refs.map((ref) => (ref.includes(':') ? ref : `custom:${ref}`));
}

/**
 * Seed segments the segments section does not define, as configuration issues (paths relative to
 * `audiences`). Families whose segments only exist once fitted (clusters) are checked by family:
 * `cluster:3` passes when clustering is on, and Publish checks the fitted ids.
 */
export function audienceSeedIssues(audiences: AudiencesSettings, segments: SegmentationSettings): { path: (string | number)[]; message: string }[] {
  const plan = planSegmentation(segments);
  const known = new Set(plan.definitions.map((definition) => definition.id));
  const fittedFamilies = new Set(plan.families.filter(({ definitions }) => definitions.length === 0).map(({ family }) => family.id));
  const issues: { path: (string | number)[]; message: string }[] = [];
  audiences.forEach((audience, index) => {
    const refs = typeof audience.seed.segment === 'string' ? [audience.seed.segment] : audience.seed.segment;
    seedSegmentsOf(audience).forEach((segment, position) => {
      if (known.has(segment) || fittedFamilies.has(segment.split(':')[0] ?? '')) return;
      const path = typeof audience.seed.segment === 'string' ? [index, 'seed', 'segment'] : [index, 'seed', 'segment', position];
      issues.push({ path, message: `audience ${audience.id}: seed segment ${refs[position]} is not a segment of this configuration (built-in families enabled, or segments.custom)` });
    });
  });
  return issues;
}

/** People the audience takes from a pool of `poolSize`: the share rounded (at least 1), or the count, never more than the pool. */
export function audienceSizeOf(size: AudienceDefinition['size'], poolSize: number): number {
  if (poolSize <= 0) return 0;
  const wanted = size.share !== undefined ? Math.max(1, Math.round(size.share * poolSize)) : (size.count ?? 0);
  return Math.min(poolSize, wanted);
}
