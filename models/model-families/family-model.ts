import type * as tf from '@tensorflow/tfjs';
import type { BtydModels } from '../btyd-predictor/index.js';
import type { FeatureVocabulary } from '../features/feature-frame.js';
import type { CustomerPredictions } from './customer-predictions.js';
import type { CustomerFrame } from './frame/customer-frame.js';
import type { FamilyPrediction, ModelFamily, ModelFamilyId } from './model-family.js';
import { familyById, MODEL_FAMILIES } from './registry.js';

/** What a family's fit produces: JSON parameters and, for network families, the networks. */
export interface FittedFamily<Parameters = unknown> {
  parameters: Parameters;
  networks: tf.LayersModel[];
}

/** What every model's customer frame is built from, whatever its family. */
export interface ModelInputs {
  horizonDays: number;
  /** BG/NBD + Gamma-Gamma parameters; scoring on later days applies them to later summaries. */
  btyd: BtydModels;
  vocabulary: FeatureVocabulary;
  /** The frame's feature names, BTYD columns included. */
  featureNames: string[];
}

/** A fitted family ready to predict. */
export interface FamilyModel<Parameters = unknown> extends FittedFamily<Parameters> {
  family: ModelFamilyId;
  inputs: ModelInputs;
}

/** The family's predictions and the parts they mix. The frame must be built with model.inputs. */
export function predictFamilyParts(model: FamilyModel, frame: CustomerFrame, families: readonly ModelFamily[] = MODEL_FAMILIES): FamilyPrediction {
  return familyById(model.family, families).predict(model, frame);
}

export function predictWithFamilyModel(model: FamilyModel, frame: CustomerFrame, families: readonly ModelFamily[] = MODEL_FAMILIES): CustomerPredictions {
  return predictFamilyParts(model, frame, families).predictions;
}

export function disposeFamilyModel(model: FittedFamily): void {
  model.networks.forEach((network) => network.dispose());
}

export const modelInputs = (frame: CustomerFrame, horizonDays: number, vocabulary: FeatureVocabulary): ModelInputs => ({
  horizonDays,
  btyd: frame.btydModels,
  vocabulary,
  featureNames: frame.features.featureNames,
});
