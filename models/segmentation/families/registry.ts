import { CLUSTER_FAMILY } from '../clusters/cluster-family.js';
import { SegmentationError } from '../errors.js';
import { CHURN_RISK_FAMILY } from './churn-risk-bands.js';
import { CLV_TIER_FAMILY } from './clv-tier-family.js';
import { HIGH_VALUE_AT_RISK_FAMILY } from './high-value-at-risk.js';
import { LIFECYCLE_FAMILY } from './lifecycle-family.js';
import { PREDICTIVE_GRID_FAMILY } from './predictive-grid-family.js';
import { RFM_FAMILY } from './rfm-family.js';
import type { SegmentFamily } from './segment-family.js';

/** The built-in families, in the order their segments are listed and assigned. */
export const BUILT_IN_FAMILIES: readonly SegmentFamily[] = [RFM_FAMILY, CLV_TIER_FAMILY, CHURN_RISK_FAMILY, LIFECYCLE_FAMILY, PREDICTIVE_GRID_FAMILY, HIGH_VALUE_AT_RISK_FAMILY, CLUSTER_FAMILY];

const families: SegmentFamily[] = [...BUILT_IN_FAMILIES];

/**
 * Adds a family after the registered ones (as tfjs-layers' registerClass adds a layer class):
 * every later segmentation lists and assigns it. Its segment ids must be `family:slug`.
 * `custom` is reserved for user-defined segments; an id already registered is refused.
 */
export function registerSegmentFamily(family: SegmentFamily): void {
  if (family.id === 'custom' || families.some((f) => f.id === family.id)) throw new SegmentationError(`A segment family named ${family.id} is already registered (or reserved)`);
  families.push(family);
}

/** Removes a family registered with registerSegmentFamily (tests); built-ins stay. */
export function unregisterSegmentFamily(id: string): void {
  const index = families.findIndex((f) => f.id === id);
  if (index >= 0 && !BUILT_IN_FAMILIES.includes(families[index] as SegmentFamily)) families.splice(index, 1);
}

/** Every registered family, built-ins first. */
export const registeredSegmentFamilies = (): readonly SegmentFamily[] => families;
