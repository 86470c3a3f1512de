import { MAX_SPEND_SIGMA } from '../../btyd-predictor/index.js';
import type { CustomerPredictions } from '../customer-predictions.js';

/** Fewer buyers than this in the labels and the spread is not estimated (BG/NBD + Gamma-Gamma's stands in). */
export const MIN_SPREAD_BUYERS = 30;

/**
 * The log-spread of spend given a purchase around a ZILN prediction: the standard deviation, over
 * the customers who bought in the label window, of ln(actual spend) - ln(predicted spend / P(purchase)).
 * With this sigma, a lognormal whose mean is the predicted spend given a purchase is the ZILN
 * distribution the 80% interval is read from. The ensemble averages its members' heads, so one
 * spread measured on its own predictions describes the average it serves; the standard deviation
 * (not the root mean square) leaves any level bias to the level corrections.
 */
export function fitLogSpendSigma(predictions: CustomerPredictions, spend: ArrayLike<number>): number | null {
  let count = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < spend.length; i += 1) {
    const buying = 1 - predictions.churnProbability[i]!;
    const meanIfBuying = predictions.predictedValue[i]! / buying;
    if (!(spend[i]! > 0) || !(buying > 0) || !(meanIfBuying > 0) || !Number.isFinite(meanIfBuying)) continue;
    const residual = Math.log(spend[i]!) - Math.log(meanIfBuying);
    count += 1;
    sum += residual;
    sumSquares += residual * residual;
  }
  if (count < MIN_SPREAD_BUYERS) return null;
  const variance = Math.max(0, (sumSquares - (sum * sum) / count) / (count - 1));
  return Math.min(Math.sqrt(variance), MAX_SPEND_SIGMA);
}
