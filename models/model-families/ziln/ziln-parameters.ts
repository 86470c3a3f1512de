import type * as tf from '@tensorflow/tfjs';
import type { FeatureFrame } from '../../features/feature-frame.js';
import { deserializeNetwork, scoreZilnEnsemble, serializeNetwork, type ZilnEnsemble, type ZilnPredictions } from '../../ziln/index.js';
import { FamilyArtefactError, FamilyInputError } from '../errors.js';
import type { FamilyModel, FittedFamily } from '../family-model.js';
import type { FamilyFitContext } from '../fitting/fit-context.js';
import type { CustomerFrame } from '../frame/customer-frame.js';
import type { FamilyArtefacts } from '../model-family.js';

/** A ZILN ensemble without its networks: the JSON half of what is stored. */
export type EnsembleParameters = Omit<ZilnEnsemble, 'networks'>;

/** What a family built on the shared ZILN ensemble keeps, besides the networks. */
export interface ZilnParameters {
  ensemble: EnsembleParameters;
  /**
   * Log-spread of spend given a purchase around the networks' prediction (fitLogSpendSigma): the
   * lognormal of their ZILN spend distribution; null with too few buyers to measure it.
   */
  spendLogSigma: number | null;
}

/** The context's shared networks as a fitted family's parameters and networks. */
export async function fitZilnParameters(context: FamilyFitContext): Promise<FittedFamily<ZilnParameters>> {
  const { ensemble, spendLogSigma } = await context.networks();
  const { networks, ...parameters } = ensemble;
  return { parameters: { ensemble: parameters, spendLogSigma }, networks };
}

// The ZILN family and the blend fitted from one context share the networks array, so validation
// scores the ensemble once per frame for both. Keyed weakly by the frame's features, then by the
// networks: the scores live as long as the frame and keep neither it nor the model alive.
const scoresByFrame = new WeakMap<FeatureFrame, WeakMap<tf.LayersModel[], ZilnPredictions>>();

/** The ensemble's predictions for the frame; throws FamilyInputError without networks or on other features. */
export function scoreFamilyNetworks(model: FamilyModel<ZilnParameters>, frame: CustomerFrame): ZilnPredictions {
  if (model.networks.length === 0) throw new FamilyInputError(`A ${model.family} model needs its networks, and none were given.`);
  const expected = model.inputs.featureNames.join(',');
  const names = frame.features.featureNames.join(',');
  if (names !== expected) throw new FamilyInputError(`The model expects features [${expected}] but the frame has [${names}].`);
  const byNetworks = scoresByFrame.get(frame.features) ?? new WeakMap<tf.LayersModel[], ZilnPredictions>();
  scoresByFrame.set(frame.features, byNetworks);
  const cached = byNetworks.get(model.networks);
  if (cached) return cached;
  const scores = scoreZilnEnsemble({ ...model.parameters.ensemble, networks: model.networks }, frame.features);
  byNetworks.set(model.networks, scores);
  return scores;
}

export async function saveNetworks(networks: readonly tf.LayersModel[]): Promise<FamilyArtefacts['networks']> {
  const serialized = [];
  for (const network of networks) serialized.push(await serializeNetwork(network));
  return serialized;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Checks stored ZILN parameters against the stored networks and loads the networks. */
export async function loadZilnParameters(artefacts: FamilyArtefacts): Promise<FittedFamily<ZilnParameters>> {
  const stored = artefacts.parameters;
  if (!isRecord(stored) || !isRecord(stored.ensemble) || !Array.isArray(stored.ensemble.standardizers)) {
    throw new FamilyArtefactError('The stored parameters have no ZILN ensemble.');
  }
  const members = stored.ensemble.standardizers.length;
  if (members !== artefacts.networks.length || members === 0) {
    throw new FamilyArtefactError(`The stored ensemble has ${members} members but ${artefacts.networks.length} networks were stored.`);
  }
  if (stored.spendLogSigma !== null && typeof stored.spendLogSigma !== 'number') throw new FamilyArtefactError('The stored spread of spend is neither a number nor null.');
  const networks = [];
  for (const network of artefacts.networks) networks.push(await deserializeNetwork(network));
  return { parameters: { ensemble: stored.ensemble as unknown as EnsembleParameters, spendLogSigma: stored.spendLogSigma }, networks };
}
