import { copyRows, selectRows, type FeatureFrame } from '../../features/feature-frame.js';
import { seededPermutation } from '../../random/seeded-permutation.js';
import type { StepTimer } from '../../progress/step-timer.js';
import { scoreZilnEnsemble, trainZilnEnsemble, type ZilnEnsemble, type ZilnEnsembleOptions } from '../../ziln/index.js';
import type { BtydCalibration } from '../btyd/btyd-calibration.js';
import { FamilyUnavailableError } from '../errors.js';
import type { CustomerFrame } from '../frame/customer-frame.js';
import { fitLogSpendSigma } from '../ziln/log-spend-sigma.js';
import type { FamilySettings } from './family-settings.js';

/** Features as of a cut-off and each customer's spend in the horizon after it, row for row. */
export interface LabelledRows {
  features: FeatureFrame;
  spend: Float32Array;
}

/** The ZILN ensemble of a fit context, trained once for every family that uses it. */
export interface SharedNetworks {
  ensemble: ZilnEnsemble;
  /** Spread of spend around the ensemble's predictions on its training labels (fitLogSpendSigma); null when not measured or too few buyers. */
  spendLogSigma: number | null;
  trainingRows: number;
}

/** What a family fits from. Shared pieces are computed at most once, on first use. */
export interface FamilyFitContext {
  /** The customers as of the cut-off the fitted family predicts from, with the BG/NBD + Gamma-Gamma fit every family serves. */
  readonly frame: CustomerFrame;
  readonly settings: FamilySettings;
  /** BG/NBD + Gamma-Gamma's calibration learnt on the validation window (the identity when there was none). */
  btydCalibration(): BtydCalibration;
  /** The networks trained on the context's labelled rows; throws FamilyUnavailableError when there are too few labels. */
  networks(): Promise<SharedNetworks>;
}

export interface FitContextOptions {
  frame: CustomerFrame;
  settings: FamilySettings;
  calibration: BtydCalibration;
  /** The networks' labelled rows (built on first use), or why there are none. */
  training: (() => LabelledRows) | string;
  ensemble: ZilnEnsembleOptions;
  timer: StepTimer;
  /** Step names for the timer; without `spread` the spread of spend is not measured (validation needs none). */
  steps: { networks: string; spread?: string };
}

/** A FamilyFitContext that remembers what the fitted families used, for the model card. */
export class FitContext implements FamilyFitContext {
  readonly frame: CustomerFrame;
  readonly settings: FamilySettings;
  calibrationUsed = false;
  private shared: Promise<SharedNetworks> | undefined;
  private trainedNetworks: SharedNetworks | undefined;

  constructor(private readonly options: FitContextOptions) {
    this.frame = options.frame;
    this.settings = options.settings;
  }

  btydCalibration(): BtydCalibration {
    this.calibrationUsed = true;
    return this.options.calibration;
  }

  networks(): Promise<SharedNetworks> {
    const { training } = this.options;
    if (typeof training === 'string') return Promise.reject(new FamilyUnavailableError(training));
    this.shared ??= this.train(training());
    return this.shared;
  }

  /** The networks, when a family asked for them. */
  get trained(): SharedNetworks | undefined {
    return this.trainedNetworks;
  }

  private async train(rows: LabelledRows): Promise<SharedNetworks> {
    const { timer, steps } = this.options;
    const ensemble = await timer.time(steps.networks, () => trainZilnEnsemble(rows.features, rows.spend, this.options.ensemble));
    const spread = steps.spread;
    const spendLogSigma = spread ? await timer.time(spread, () => spreadOfSpend(ensemble, rows)) : null;
    this.trainedNetworks = { ensemble, spendLogSigma, trainingRows: rows.spend.length };
    return this.trainedNetworks;
  }
}

/**
 * Buyers the spread of spend is measured on at most: a standard deviation from 100,000 residuals
 * is within 0.3% of the full one (its standard error is sigma / sqrt(2n)), and scoring every
 * buyer of a million customers through the ensemble cost most of a second.
 */
export const MAX_SPREAD_BUYERS = 100_000;

/** fitLogSpendSigma on (a seeded sample of) the rows that bought, the only ones it reads: scoring the others cost three times as much again. */
function spreadOfSpend(ensemble: ZilnEnsemble, rows: LabelledRows): number | null {
  const buyers: number[] = [];
  for (let i = 0; i < rows.spend.length; i += 1) if (rows.spend[i]! > 0) buyers.push(i);
  const measured = buyers.length <= MAX_SPREAD_BUYERS ? buyers : Array.from(seededPermutation(buyers.length, 1).subarray(0, MAX_SPREAD_BUYERS).sort(), (k) => buyers[k]!);
  const features = { ...rows.features, ...selectRows(rows.features, measured) };
  return fitLogSpendSigma(scoreZilnEnsemble(ensemble, features), copyRows(rows.spend, 1, measured));
}
