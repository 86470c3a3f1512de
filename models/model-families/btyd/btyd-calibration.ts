import type { BtydPredictions } from '../../btyd-predictor/index.js';
import { spendAlignedTo } from '../../features/window-spend.js';
import type { CustomerPredictions } from '../customer-predictions.js';
import { applyPlattScaling, fitPlattScaling, IDENTITY_PLATT, type PlattScaling } from './platt-scaling.js';
import { fitValueScale } from './value-scale.js';

/** How BG/NBD + Gamma-Gamma outputs are corrected, learnt on the validation window. */
export interface BtydCalibration {
  churn: PlattScaling;
  valueScale: number;
}

export const NO_BTYD_CALIBRATION: BtydCalibration = { churn: IDENTITY_PLATT, valueScale: 1 };

export const rawBtydPredictions = (btyd: BtydPredictions): CustomerPredictions => ({
  customerIds: btyd.customerIds,
  churnProbability: btyd.churnProbability,
  predictedValue: btyd.expectedSpend,
});

/**
 * BG/NBD and Gamma-Gamma are fitted without labels, so their systematic errors on a data set (the
 * level of P(no purchase), total spend) are measurable on the validation window: Platt scaling for
 * churn, one level factor for value. Both are monotone, so rankings are unchanged.
 */
export function fitBtydCalibration(btyd: BtydPredictions, actualSpend: ReadonlyMap<string, number>): BtydCalibration {
  const actual = spendAlignedTo(actualSpend, btyd.customerIds);
  const churned = new Uint8Array(actual.length);
  for (let i = 0; i < actual.length; i += 1) churned[i] = actual[i]! > 0 ? 0 : 1;
  return { churn: fitPlattScaling(btyd.churnProbability, churned), valueScale: fitValueScale(btyd.expectedSpend, actual) };
}

export function calibrateBtyd(btyd: BtydPredictions, calibration: BtydCalibration): CustomerPredictions {
  return {
    customerIds: btyd.customerIds,
    churnProbability: applyPlattScaling(calibration.churn, btyd.churnProbability),
    predictedValue: scaled(btyd.expectedSpend, calibration.valueScale),
  };
}

function scaled(values: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i += 1) out[i] = values[i]! * factor;
  return out;
}
