import { btydFitRow } from '../btyd/btyd-card-rows.js';
import type { ModelFamily } from '../model-family.js';
import { winsEveryMetric } from '../selection/selection-rules.js';
import { networkCardRows } from './network-card-rows.js';
import { fitZilnParameters, loadZilnParameters, saveNetworks, scoreFamilyNetworks, type ZilnParameters } from './ziln-parameters.js';

/**
 * The seeded ensemble of ZILN networks (models/ziln) on the frame's features plus the BTYD
 * outputs. Trained on a single window, it inherits that window's level, so it is chosen only
 * when it beats the blend on all four metrics.
 */
export const zilnFamily: ModelFamily<ZilnParameters> = {
  id: 'ziln',
  name: 'ZILN network ensemble (with BTYD features)',
  cardLabel: 'ZILN network ensemble',
  selection: {
    shortName: 'network',
    challenges: {
      incumbent: 'blend',
      wins: winsEveryMetric,
      won: 'the network beat the blend on AUC, Brier, Gini and decile MAPE',
      lost: 'the network alone does not beat it on every metric',
    },
  },
  fit: fitZilnParameters,
  predict(model, frame) {
    const ziln = scoreFamilyNetworks(model, frame);
    return { predictions: ziln, parts: [{ source: 'ziln', weight: 1, predictions: ziln, spendLogSigma: model.parameters.spendLogSigma }] };
  },
  save: async (model) => ({ parameters: model.parameters, networks: await saveNetworks(model.networks) }),
  load: loadZilnParameters,
  cardRows: (card) => [btydFitRow(card), ...networkCardRows(card)],
};
