import type { TrainZilnOptions } from '../../ziln/train-ziln-network.js';
import type { ZilnEnsembleOptions } from '../../ziln/ziln-ensemble.js';

/**
 * The model families' fixed settings (backtest and pipeline alike), chosen on principle rather than tuned to one data set:
 * - the network needs MIN_NETWORK_CUSTOMERS customers at the training cut-off (asOf - 2 horizons),
 *   so that it can be trained one horizon back and validated out of time before it is trusted;
 * - BTYD calibration needs MIN_VALIDATION_CUSTOMERS customers at asOf - horizon and MIN_CLASS_COUNT
 *   buyers and non-buyers in the validation window;
 * - networks with different seeds are averaged: single small-data networks vary by several AUC
 *   points from seed to seed, their mean does not. Seed variance shrinks as data grow, so the
 *   ensemble has ensembleRows / training rows members, between minNetworkMembers and
 *   networkMembers: about constant total work, 10 members for 3,000 customers, 4 for 25,000;
 * - BLEND_WEIGHT: the blend is the equal-weight average, the forecast-combination default (weights
 *   estimated on one validation window are noisier than the gain they promise).
 */
export const FAMILY_SETTINGS = {
  minNetworkCustomers: 500,
  minValidationCustomers: 200,
  minClassCount: 20,
  networkMembers: 10,
  minNetworkMembers: 3,
  ensembleRows: 30_000,
  blendWeight: 0.5,
  /** Each network sees at most this many training rows (a seeded subsample), to bound run time. */
  maxRowsPerNetwork: 8_000,
  /** Training rows x epochs per network (early stopping usually ends sooner), to bound run time. */
  maxRowEpochsPerNetwork: 300_000,
  /**
   * The families are scored and compared on a sample of at most this many of the validation
   * window's customers (chosen by a hash of their ids): metrics on 250,000 customers differ from
   * the whole population's in the third decimal, and scoring millions only to choose cost seconds.
   */
  maxValidationCustomers: 250_000,
} as const;

export type FamilySettings = { -readonly [K in keyof typeof FAMILY_SETTINGS]: number };

/** The ensemble options the family settings imply. */
export const ensembleOptions = (settings: FamilySettings, seed: number, network?: TrainZilnOptions): ZilnEnsembleOptions => ({
  seed,
  members: settings.networkMembers,
  minMembers: settings.minNetworkMembers,
  ensembleRows: settings.ensembleRows,
  maxRowsPerMember: settings.maxRowsPerNetwork,
  maxRowEpochsPerMember: settings.maxRowEpochsPerNetwork,
  ...(network ? { network } : {}),
});
