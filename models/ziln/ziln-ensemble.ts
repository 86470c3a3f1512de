import * as tf from '@tensorflow/tfjs';
import { scoreNetworks } from './score-with-network.js';
import type { Standardizer } from './standardizer.js';
import { trainZilnNetwork, type TrainZilnOptions } from './train-ziln-network.js';
import type { FeatureFrame } from '../features/feature-frame.js';
import { subsampleRows } from './subsample-rows.js';
import { fitFeatureRange, type FeatureRange } from './feature-range.js';

export interface ZilnEnsembleOptions {
  seed: number;
  /** Most networks averaged; each starts from its own seed and early-stops on its own validation slice. */
  members: number;
  /** Fewest networks averaged. */
  minMembers: number;
  /** Members = ensembleRows / training rows, within minMembers..members. */
  ensembleRows: number;
  /** Larger training sets are subsampled (a different seeded subsample per member) to bound run time. */
  maxRowsPerMember: number;
  /** Training rows x epochs per member; bounds the epochs of large training sets. */
  maxRowEpochsPerMember: number;
  network?: TrainZilnOptions;
}

export interface ZilnEnsemble {
  networks: tf.LayersModel[];
  standardizers: Standardizer[];
  range: FeatureRange;
  /** The largest spend of any customer in the training labels: no expected spend may exceed it. */
  maxLabel: number;
  epochs: number[];
  width: number;
}

export const memberSeed = (seed: number, member: number): number => (seed * 7919 + member * 104_729 + 17) >>> 0;

/** Trains `members` ZILN networks on the same rows (features as of a cut-off, spend in the horizon after it). */
export async function trainZilnEnsemble(frame: FeatureFrame, spend: Float32Array, options: ZilnEnsembleOptions): Promise<ZilnEnsemble> {
  const width = frame.featureNames.length;
  const trained = [];
  const members = Math.min(options.members, Math.max(options.minMembers, Math.ceil(options.ensembleRows / Math.max(spend.length, 1))));
  for (let member = 0; member < members; member += 1) {
    const seed = memberSeed(options.seed, member);
    const rows = subsampleRows(frame.values, spend, width, options.maxRowsPerMember, seed);
    const maxEpochs = Math.max(10, Math.min(options.network?.maxEpochs ?? 80, Math.ceil(options.maxRowEpochsPerMember / rows.spend.length)));
    trained.push(await trainZilnNetwork(rows.values, width, rows.spend, { ...options.network, maxEpochs, seed }));
  }
  return {
    networks: trained.map((t) => t.model),
    standardizers: trained.map((t) => t.standardizer),
    range: fitFeatureRange(frame.values, width),
    maxLabel: spend.reduce((a, b) => Math.max(a, b), 0),
    epochs: trained.map((t) => t.epochs),
    width,
  };
}

/** The members' mean churn probability and mean expected spend (each capped at the largest training label). */
/** The ensemble's predictions, row i for customerIds[i] (the shape of the families' CustomerPredictions). */
export interface ZilnPredictions {
  customerIds: string[];
  churnProbability: Float64Array;
  predictedValue: Float64Array;
}

export function scoreZilnEnsemble(ensemble: ZilnEnsemble, frame: FeatureFrame): ZilnPredictions {
  const members = ensemble.networks.map((model, m) => ({ model, standardizer: ensemble.standardizers[m]! }));
  const scores = scoreNetworks(members, ensemble.range, frame.values, ensemble.width, ensemble.maxLabel);
  return { customerIds: frame.customerIds, churnProbability: scores.churnProbability, predictedValue: scores.expectedSpend };
}

export function disposeZilnEnsemble(ensemble: ZilnEnsemble): void {
  ensemble.networks.forEach((network) => network.dispose());
}
