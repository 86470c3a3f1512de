import { ScoringSettingsError } from './errors.js';

/** How far predictedClv looks and how it discounts; the prediction horizon itself belongs to the model. */
export interface ClvSettings {
  clvHorizonDays: number;
  /** Yearly rate: spend t days ahead counts (1 + rate)^(-t / 365). */
  annualDiscountRate: number;
}

export const DEFAULT_CLV_SETTINGS: ClvSettings = { clvHorizonDays: 365, annualDiscountRate: 0 };
export const MAX_CLV_HORIZON_DAYS = 3650;

export function checkClvSettings(settings: ClvSettings): ClvSettings {
  const { clvHorizonDays, annualDiscountRate } = settings;
  if (!Number.isInteger(clvHorizonDays) || clvHorizonDays < 1 || clvHorizonDays > MAX_CLV_HORIZON_DAYS) {
    throw new ScoringSettingsError(`clvHorizonDays must be a whole number of days from 1 to ${MAX_CLV_HORIZON_DAYS}, not ${clvHorizonDays}.`);
  }
  if (!(annualDiscountRate >= 0 && annualDiscountRate <= 1)) {
    throw new ScoringSettingsError(`annualDiscountRate must be between 0 and 1 (0.1 is 10% a year), not ${annualDiscountRate}.`);
  }
  return settings;
}
