import type { ModelFamily } from '../model-family.js';
import { btydFitRow } from './btyd-card-rows.js';
import { calibrateBtyd, NO_BTYD_CALIBRATION } from './btyd-calibration.js';

/** BG/NBD + Gamma-Gamma has no parameters of its own: its fit is the model's inputs.btyd, shared by every family. */
export type BtydParameters = Record<string, never>;

/**
 * BG/NBD + Gamma-Gamma alone, served as fitted: a churn and spend level learnt on one window
 * carried over to the next worse as often as better in the backtests (seasons, cohort decay).
 * It needs no labels, so it is the reference the others are measured against and the fallback.
 */
export const btydFamily: ModelFamily<BtydParameters> = {
  id: 'btyd',
  name: 'BG/NBD + Gamma-Gamma',
  cardLabel: 'BG/NBD + Gamma-Gamma alone',
  selection: { shortName: 'BTYD' },
  fit: async () => ({ parameters: {}, networks: [] }),
  predict(_model, frame) {
    // The identity calibration still bounds churn to [1e-6, 1 - 1e-6], as every served family's is.
    const btyd = calibrateBtyd(frame.btyd, NO_BTYD_CALIBRATION);
    return { predictions: btyd, parts: [{ source: 'btyd', weight: 1, predictions: btyd, spendLogSigma: null }] };
  },
  save: async () => ({ parameters: {}, networks: [] }),
  load: async () => ({ parameters: {}, networks: [] }),
  cardRows: (card) => ['Calibration: none (BG/NBD + Gamma-Gamma alone is served as fitted)', btydFitRow(card)],
};
