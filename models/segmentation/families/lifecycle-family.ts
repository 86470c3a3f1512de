import type { SegmentDefinition } from '../segment-definition.js';
import type { SegmentationSettings } from '../settings/index.js';
import type { SegmentFamily } from './segment-family.js';

type Lifecycle = SegmentationSettings['lifecycle'];

const stage = (slug: string, name: string, description: string): SegmentDefinition => ({ id: `lifecycle:${slug}`, family: 'lifecycle', name, description });

/** The stage of the customers extract's people with no purchase day on or before the as-of day; WriteShard gives it (prospectSegments). */
export const PROSPECT_STAGE = 'lifecycle:prospect';

/** In the order they are tested: the first that holds is the customer's stage. */
export function lifecycleDefinitions(l: Lifecycle): SegmentDefinition[] {
  return [
    stage('prospect', 'Prospect', 'In the customers extract, with no purchase on or before the as-of day: no scores yet, only this stage.'),
    stage('new', 'New', `First purchase in the last ${l.newDays} days.`),
    stage('lapsed', 'Lapsed', `No purchase for more than ${l.lapsedDays} days.`),
    stage('one-time-buyer', 'One-time buyer', `A single purchase day, more than ${l.newDays} and at most ${l.lapsedDays} days ago.`),
    stage(
      'reactivated',
      'Reactivated',
      `Bought in the last ${l.reactivatedDays} days after a lapse: their average gap between purchase days is ${l.lapsedDays} days or more, so at least one gap was a lapse.`,
    ),
    stage(
      'at-risk',
      'At risk',
      `Overdue against their own rhythm: days since the last purchase above ${l.overdueFactor} x their average days between orders (and above ${l.minOverdueDays} days).`,
    ),
    stage('active', 'Active', 'Repeat buyers purchasing on their usual rhythm.'),
  ];
}

const NEW = 1;
const LAPSED = 2;
const ONE_TIME = 3;
const REACTIVATED = 4;
const AT_RISK = 5;
const ACTIVE = 6;

/** Stage index (into lifecycleDefinitions) of a scored customer (one purchase day at least: never prospect) from days since the first and last purchase days and purchase days. */
export function lifecycleStageOf(tenureDays: number, recencyDays: number, purchaseDays: number, l: Lifecycle): number {
  if (tenureDays <= l.newDays) return NEW;
  if (recencyDays > l.lapsedDays) return LAPSED;
  if (purchaseDays <= 1) return ONE_TIME;
  const averageGap = (tenureDays - recencyDays) / (purchaseDays - 1);
  if (recencyDays <= l.reactivatedDays && averageGap >= l.lapsedDays) return REACTIVATED;
  if (recencyDays > Math.max(l.overdueFactor * averageGap, l.minOverdueDays)) return AT_RISK;
  return ACTIVE;
}

/**
 * Lifecycle stages of scored customers. Prospects have no score row, so `prospect` is not
 * assigned here: WriteShard gives it to the shard's people without a purchase (prospectSegments).
 */
export const LIFECYCLE_FAMILY: SegmentFamily = {
  id: 'lifecycle',
  enabled: (settings) => settings.lifecycle.enabled,
  definitions: (settings) => lifecycleDefinitions(settings.lifecycle),
  assign: (context) => {
    const l = context.settings.lifecycle;
    const { tenureDays, recencyDays, frequency } = context.columns;
    const assigned = new Int16Array(tenureDays.length);
    for (let i = 0; i < assigned.length; i++) assigned[i] = lifecycleStageOf(tenureDays[i] as number, recencyDays[i] as number, frequency[i] as number, l);
    return assigned;
  },
};

/**
 * The segments of someone of the customers extract with no purchase day on or before the as-of
 * day: the lifecycle stage `prospect` when the family is on, else none (they get no item then).
 */
export const prospectSegments = (settings: SegmentationSettings): string[] => (settings.lifecycle.enabled ? [PROSPECT_STAGE] : []);
