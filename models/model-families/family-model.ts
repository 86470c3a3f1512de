import type * as tf from '@tensorflow/tfjs';
import type { BtydModels } from '../btyd-predictor/index.js';
import type { FeatureVocabulary } from '../features/feature-frame.js';
import { blendPredictions } from './blend-predictions.js';
import { calibrateBtyd, type BtydCalibration } from './btyd-calibration.js';
import type { ModelFamily } from './choose-family.js';
import type { CustomerFrame } from './customer-frame.js';
import type { CustomerPredictions } from './customer-predictions.js';
import { FamilyInputError } from './family-input-error.js';
import { scoreZilnEnsemble, type ZilnEnsemble } from '../ziln/ziln-ensemble.js';

/** A ZILN ensemble without its networks: the JSON half of what the registry stores. */
export type EnsembleParameters = Omit<ZilnEnsemble, 'networks'>;

/** Everything a fitted family needs to predict from a customer frame, apart from network weights. */
export interface FamilyModelParameters {
  family: ModelFamily;
  horizonDays: number;
  /** BG/NBD + Gamma-Gamma parameters; scoring on later days applies them to later summaries. */
  btyd: BtydModels;
  calibration: BtydCalibration;
  /** Weight of the network in the blend. */
  blendWeight: number;
  vocabulary: FeatureVocabulary;
  /** The network's inputs, BTYD columns included. */
  featureNames: string[];
  ensemble: EnsembleParameters | null;
  /**
   * Log-spread of spend given a purchase around the networks' prediction (fitLogSpendSigma): the
   * lognormal of their ZILN spend distribution; null without networks or too few buyers to measure it.
   */
  spendLogSigma: number | null;
}

export interface FamilyModel {
  parameters: FamilyModelParameters;
  /** The ensemble's networks; empty for the BTYD family. */
  networks: tf.LayersModel[];
}

/** One family's part in the served predictions, weighted as the family mixes it. */
export interface FamilyPart {
  source: 'btyd' | 'ziln';
  weight: number;
  predictions: CustomerPredictions;
}

export interface FamilyPrediction {
  predictions: CustomerPredictions;
  /** What the predictions mix: one part, or the network and calibrated BTYD for the blend. */
  parts: FamilyPart[];
}

/** Predicts the horizon after frame.asOf with a fitted family. The frame must be built with the model's BTYD fit. */
export function predictWithFamilyModel(model: FamilyModel, frame: CustomerFrame): CustomerPredictions {
  return predictFamilyParts(model, frame).predictions;
}

/** The family's predictions and the parts they mix, each a zero-inflated spend distribution of its own. */
export function predictFamilyParts(model: FamilyModel, frame: CustomerFrame): FamilyPrediction {
  const { parameters } = model;
  const btyd = calibrateBtyd(frame.btyd, parameters.calibration);
  if (parameters.family === 'btyd') return { predictions: btyd, parts: [{ source: 'btyd', weight: 1, predictions: btyd }] };
  if (!parameters.ensemble || model.networks.length === 0) {
    throw new FamilyInputError(`A ${parameters.family} model needs its networks, and none were given.`);
  }
  const names = frame.features.featureNames.join(',');
  if (names !== parameters.featureNames.join(',')) {
    throw new FamilyInputError(`The model expects features [${parameters.featureNames.join(',')}] but the frame has [${names}].`);
  }
  const ziln = scoreZilnEnsemble({ ...parameters.ensemble, networks: model.networks }, frame.features);
  if (parameters.family === 'ziln') return { predictions: ziln, parts: [{ source: 'ziln', weight: 1, predictions: ziln }] };
  const weight = parameters.blendWeight;
  return {
    predictions: blendPredictions(ziln, btyd, weight),
    parts: [
      { source: 'ziln', weight, predictions: ziln },
      { source: 'btyd', weight: 1 - weight, predictions: btyd },
    ],
  };
}

export function disposeFamilyModel(model: FamilyModel): void {
  model.networks.forEach((network) => network.dispose());
}
