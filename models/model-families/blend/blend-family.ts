import { btydCalibrationRow, btydFitRow } from '../btyd/btyd-card-rows.js';
import { calibrateBtyd, type BtydCalibration } from '../btyd/btyd-calibration.js';
import { FamilyArtefactError } from '../errors.js';
import type { ModelFamily } from '../model-family.js';
import { ranksBetter } from '../selection/selection-rules.js';
import { networkCardRows } from '../ziln/network-card-rows.js';
import { fitZilnParameters, loadZilnParameters, saveNetworks, scoreFamilyNetworks, type ZilnParameters } from '../ziln/ziln-parameters.js';
import { blendPredictions } from './blend-predictions.js';

export interface BlendParameters extends ZilnParameters {
  /** BG/NBD + Gamma-Gamma's calibration inside the blend, learnt on the validation window. */
  calibration: BtydCalibration;
  /** Weight of the network. */
  blendWeight: number;
}

const isCalibration = (value: unknown): value is BtydCalibration => {
  const c = value as Partial<BtydCalibration> | null;
  return typeof c?.valueScale === 'number' && typeof c.churn?.slope === 'number' && typeof c.churn.intercept === 'number';
};

/**
 * The ZILN ensemble mixed with calibrated BG/NBD + Gamma-Gamma: ranking carries over from one
 * window to the next, while the level of purchases and spend drifts (seasons, growth); the blend
 * hedges the network's single-window level with BG/NBD's whole-history level.
 */
export const blendFamily: ModelFamily<BlendParameters> = {
  id: 'blend',
  name: 'blend: equal-weight average of the ZILN ensemble and calibrated BG/NBD + Gamma-Gamma',
  cardLabel: 'blend (equal weights)',
  selection: {
    shortName: 'blend',
    challenges: {
      incumbent: 'btyd',
      wins: ranksBetter,
      won: 'the blend ranks customers better than BG/NBD + Gamma-Gamma',
      lost: 'the blend did not rank customers better than BG/NBD + Gamma-Gamma',
    },
  },
  async fit(context) {
    const ziln = await fitZilnParameters(context);
    return { parameters: { ...ziln.parameters, calibration: context.btydCalibration(), blendWeight: context.settings.blendWeight }, networks: ziln.networks };
  },
  predict(model, frame) {
    const { calibration, blendWeight: weight, spendLogSigma } = model.parameters;
    const btyd = calibrateBtyd(frame.btyd, calibration);
    const ziln = scoreFamilyNetworks(model, frame);
    return {
      predictions: blendPredictions(ziln, btyd, weight),
      parts: [
        { source: 'ziln', weight, predictions: ziln, spendLogSigma },
        { source: 'btyd', weight: 1 - weight, predictions: btyd, spendLogSigma: null },
      ],
    };
  },
  save: async (model) => ({ parameters: model.parameters, networks: await saveNetworks(model.networks) }),
  async load(artefacts) {
    const { calibration, blendWeight } = (artefacts.parameters ?? {}) as Partial<BlendParameters>;
    if (!isCalibration(calibration) || typeof blendWeight !== 'number') throw new FamilyArtefactError('The stored blend has no calibration or weight.');
    const ziln = await loadZilnParameters(artefacts);
    return { parameters: { ...ziln.parameters, calibration, blendWeight }, networks: ziln.networks };
  },
  cardRows: (card) => [btydCalibrationRow(card, 'inside the blend'), btydFitRow(card), ...networkCardRows(card)],
};
