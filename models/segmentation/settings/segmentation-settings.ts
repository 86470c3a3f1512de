import { z } from 'zod';
import { CLUSTER_FEATURE_NAMES, DEFAULT_CLUSTER_FEATURES } from '../clusters/cluster-feature-names.js';
import type { SegmentationProfile } from './profile-settings.js';
import { PERCENTILE_PATTERN } from './threshold.js';

/** A cut-off: a number, or `pNN` (the NNth percentile of the field within the scored population). */
const Threshold = z.union([z.number().finite(), z.string().regex(PERCENTILE_PATTERN, 'expected a number or a percentile such as p90')]);

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG, 'expected a lower-case slug such as win-back (letters, digits, single dashes)');

const ascendingFour = (what: string) =>
  z
    .array(z.number().finite().min(0))
    .length(4, `expected four ascending cut points (${what})`)
    .refine((cuts) => cuts.every((cut, i) => i === 0 || cut > (cuts[i - 1] as number)), 'cut points must be strictly ascending');

const RfmSettings = z
  .object({
    enabled: z.boolean().default(true),
    /** `quantile`: quintiles of the population (the classic RFM score); `absolute`: the cut points below. */
    cutPoints: z.enum(['quantile', 'absolute']).default('quantile'),
    absolute: z
      .object({
        /** Days since the last order: at most the 1st scores 5, the 2nd 4, the 3rd 3, the 4th 2, beyond 1. */
        recencyDays: ascendingFour('days since the last order'),
        /** Purchase days: at least the 1st scores 2, the 2nd 3, the 3rd 4, the 4th 5. */
        frequency: ascendingFour('purchase days'),
        /** Net spend: at least the 1st scores 2, ... the 4th 5. */
        monetary: ascendingFour('net spend'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((rfm) => rfm.cutPoints !== 'absolute' || rfm.absolute !== undefined, { message: 'cutPoints: absolute needs an absolute section', path: ['absolute'] });

const ValueTierSettings = z
  .object({
    enabled: z.boolean().default(true),
    /** Cumulative top shares by predicted CLV rank; each gives `clv:top-N`, the rest `clv:bottom-M`. */
    topPercents: z
      .array(z.number().int().min(1).max(99))
      .min(1)
      .max(10)
      .refine((p) => p.every((v, i) => i === 0 || v > (p[i - 1] as number)), 'top percents must be strictly ascending')
      .default([1, 5, 10, 25, 50]),
  })
  .strict();

export const DEFAULT_CHURN_BANDS = { medium: 0.5, high: 0.8, critical: 0.98 } as const;

const ChurnBandSettings = z
  .object({
    enabled: z.boolean().default(true),
    /** Lower bounds (inclusive) of the medium, high and critical bands: probabilities, or percentiles. */
    medium: Threshold.default(DEFAULT_CHURN_BANDS.medium),
    high: Threshold.default(DEFAULT_CHURN_BANDS.high),
    critical: Threshold.default(DEFAULT_CHURN_BANDS.critical),
  })
  .strict();

const LifecycleSettings = z
  .object({
    enabled: z.boolean().default(true),
    /** New: first purchase at most this many days before the as-of day. */
    newDays: z.number().int().min(1).max(3650).default(90),
    /** Lapsed: no purchase for more than this many days. */
    lapsedDays: z.number().int().min(1).max(3650).default(365),
    /** Reactivated: bought in the last `reactivatedDays` after a lapse (see the README). */
    reactivatedDays: z.number().int().min(1).max(3650).default(90),
    /** At risk: days since the last purchase above overdueFactor x the customer's average days between orders... */
    overdueFactor: z.number().min(1).max(20).default(2),
    /** ...and above this floor, so a weekly buyer is not at risk after a fortnight. */
    minOverdueDays: z.number().int().min(0).max(3650).default(30),
  })
  .strict()
  .refine((l) => l.reactivatedDays < l.lapsedDays, { message: 'reactivatedDays must be below lapsedDays', path: ['reactivatedDays'] });

const GridAxis = z.object({ medium: Threshold, high: Threshold }).strict();

const PredictiveGridSettings = z
  .object({
    enabled: z.boolean().default(true),
    /** Churn probability: low below `medium`, medium below `high`, high from `high`. */
    churn: GridAxis.default({ medium: 0.5, high: 0.9 }),
    /**
     * Value: low below `medium`, medium below `high`, high from `high`, of `field`: totalClv
     * (historic + predicted lifetime value) by default, because predictedClv alone falls as churn
     * rises and leaves the high-value, high-risk cell empty by construction.
     */
    value: GridAxis.extend({ field: z.enum(['totalClv', 'predictedClv', 'historicClv']).default('totalClv') }).default({ field: 'totalClv', medium: 'p50', high: 'p80' }),
  })
  .strict();

const HighValueAtRiskSettings = z.object({ enabled: z.boolean().default(true) }).strict();

/** A user-defined segment: `custom:<id>`, members are the customers its rule matches. */
const CustomSegment = z
  .object({
    id: slug,
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    /** A run whose segment ends up empty is an error (see checkRequiredSegments). */
    required: z.boolean().default(false),
    /** The rule language: see models/segmentation/rules and the README. Checked by compileSegmentation. */
    rule: z.unknown().optional(),
  })
  .strict();

/** Each customer is in at most one segment of the group: the first, in this order, whose rule it matches. */
const ExclusiveGroup = z
  .object({
    id: slug,
    segments: z.array(z.string().min(1)).min(2, 'an exclusive group needs at least two segments'),
  })
  .strict();

/**
 * A column of the score rows rules may read beyond the built-in fields (code that adds columns to
 * the score rows). Extra profile columns are declared under `profile.columns` instead; declaring a
 * profile column here too, with its type, is accepted.
 */
const FieldDeclaration = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a column name such as country'),
    type: z.enum(['number', 'date', 'string']),
    description: z.string().optional(),
  })
  .strict();

export const MIN_CLUSTERS = 2;
export const MAX_CLUSTERS = 20;

const clusterCount = z
  .number()
  .int()
  .min(MIN_CLUSTERS, `cluster count out of bounds: at least ${MIN_CLUSTERS}`)
  .max(MAX_CLUSTERS, `cluster count out of bounds: at most ${MAX_CLUSTERS}`);

/** k-means clusters with personas (models/segmentation/clusters): `cluster:<id>`, fitted once per run in the Segment stage. */
const ClusteringSettings = z
  .object({
    enabled: z.boolean().default(false),
    /** k is chosen in [minClusters, maxClusters] by the mean silhouette. */
    minClusters: clusterCount.default(3),
    maxClusters: clusterCount.default(8),
    /** What distances are measured on (money and counts on a log scale, then every feature standardised). */
    features: z
      .array(z.enum(CLUSTER_FEATURE_NAMES))
      .min(2, 'clusters need at least two features')
      .refine((f) => new Set(f).size === f.length, 'a feature is listed twice')
      .default([...DEFAULT_CLUSTER_FEATURES]),
    /** Customers k-means runs on (a seeded sample); every customer is then assigned to the nearest centroid. */
    sampleSize: z.number().int().min(100).max(200_000).default(20_000),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  })
  .strict()
  .refine((c) => c.minClusters <= c.maxClusters, { message: 'cluster count out of bounds: minClusters is above maxClusters', path: ['maxClusters'] });

/** The `segments` section of segments.config.yaml. Every entry has a default. */
export const SegmentationSettingsSchema = z
  .object({
    rfm: RfmSettings.default(RfmSettings.parse({})),
    valueTiers: ValueTierSettings.default(ValueTierSettings.parse({})),
    churnBands: ChurnBandSettings.default(ChurnBandSettings.parse({})),
    lifecycle: LifecycleSettings.default(LifecycleSettings.parse({})),
    predictiveGrid: PredictiveGridSettings.default(PredictiveGridSettings.parse({})),
    highValueAtRisk: HighValueAtRiskSettings.default(HighValueAtRiskSettings.parse({})),
    fields: z.array(FieldDeclaration).default([]),
    custom: z.array(CustomSegment).default([]),
    exclusiveGroups: z.array(ExclusiveGroup).default([]),
    clustering: ClusteringSettings.default(ClusteringSettings.parse({})),
  })
  .strict();

/** The `segments` section, and the `profile` section's columns once attached (withProfile). */
export type SegmentationSettings = z.infer<typeof SegmentationSettingsSchema> & { profile?: SegmentationProfile };
export type Threshold = z.infer<typeof Threshold>;
export type CustomSegmentSettings = SegmentationSettings['custom'][number];
export type FieldDeclarationSettings = SegmentationSettings['fields'][number];

export const DEFAULT_SEGMENTATION_SETTINGS: SegmentationSettings = SegmentationSettingsSchema.parse({});

/** Settings from a partial object (tests, code): defaults filled in, structure checked. */
export function segmentationSettings(input: unknown = {}): SegmentationSettings {
  return SegmentationSettingsSchema.parse(input);
}
