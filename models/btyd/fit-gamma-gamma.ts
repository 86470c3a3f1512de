import { createGammaGammaLogLikelihood } from './gamma-gamma-log-likelihood.js';
import type { GammaGammaCustomer, GammaGammaFit, GammaGammaParams } from './gamma-gamma-types.js';
import { maximizeLogLikelihood, type MaximumLikelihoodOptions } from './maximize-log-likelihood.js';
import { assertPositiveParams } from './validate-btyd-inputs.js';

export interface GammaGammaFitOptions extends MaximumLikelihoodOptions {
  /** Starting point of the search. Default p = q = v = 1. */
  initialParams?: GammaGammaParams;
}

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on repeat buyers (x > 0, mx = mean spend of
 * the repeat transactions). Throws BtydInputError if any customer has x = 0 or mx <= 0.
 */
export function fitGammaGamma(
  customers: readonly GammaGammaCustomer[],
  options: GammaGammaFitOptions = {},
): GammaGammaFit {
  const { p, q, v } = options.initialParams ?? { p: 1, q: 1, v: 1 };
  assertPositiveParams('Gamma-Gamma initialParams', { p, q, v });
  const logLikelihood = createGammaGammaLogLikelihood(customers);
  const fit = maximizeLogLikelihood(
    ([fittedP = p, fittedQ = q, fittedV = v]) => logLikelihood({ p: fittedP, q: fittedQ, v: fittedV }),
    customers.length,
    [p, q, v],
    options,
  );
  const [fittedP = p, fittedQ = q, fittedV = v] = fit.params;
  return {
    p: fittedP,
    q: fittedQ,
    v: fittedV,
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
  };
}
