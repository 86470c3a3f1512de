import type { BgNbdCustomer, BgNbdFit } from '../btyd/index.js';
import { createBgNbdLogLikelihood } from '../btyd/bg-nbd-log-likelihood.js';
import { minimizeWithRestarts } from '../btyd/minimize-with-restarts.js';
import { BtydPredictionError } from './btyd-prediction-error.js';

/** Bound on |ln r|, |ln alpha|, |ln a|, |ln b| (alpha in days). */
const MAX_ABS_LOG_PARAM = 12;

/**
 * BG/NBD by maximum likelihood within e^-12..e^12 for every parameter. On many real data sets the
 * likelihood keeps rising, ever more slowly, along a -> 0, b -> infinity (dropout after a purchase
 * negligible: the model tends to NBD). Along that ridge the predictions no longer change, so the
 * search stops once every simplex vertex has the same mean log-likelihood to 1e-10, even if the
 * vertices still lie a little apart on the ridge (point tolerance 0.5 in log-parameters) — an
 * unbounded search with a tight point tolerance crawls along the ridge for thousands of iterations.
 * Starts at r = 1, alpha = the median customer age, a = 1, b = 3. At most 4 x 1,000 iterations:
 * on data with no heterogeneity at all the search runs into the bounds and would crawl along them.
 */
export function fitBgNbdBounded(customers: readonly BgNbdCustomer[]): BgNbdFit {
  if (customers.length === 0) throw new BtydPredictionError('Cannot fit BG/NBD to zero customers.');
  const logLikelihood = createBgNbdLogLikelihood(customers);
  const ages = customers.map((c) => c.T).sort((x, y) => x - y);
  const medianAge = Math.max(ages[Math.floor(ages.length / 2)] ?? 1, 1);
  const objective = (logParams: readonly number[]): number => {
    if (!logParams.every((value) => Math.abs(value) <= MAX_ABS_LOG_PARAM)) return Number.NaN;
    const [r = 1, alpha = 1, a = 1, b = 1] = logParams.map(Math.exp);
    return -logLikelihood({ r, alpha, a, b }) / customers.length;
  };
  const result = minimizeWithRestarts(objective, [0, Math.log(medianAge), 0, Math.log(3)], {
    maxIterations: 1000,
    maxRestarts: 3,
    valueTolerance: 1e-10,
    pointTolerance: 0.5,
  });
  const [r = 1, alpha = 1, a = 1, b = 1] = result.point.map(Math.exp);
  return { r, alpha, a, b, logLikelihood: -result.value * customers.length, converged: result.converged, iterations: result.iterations };
}
