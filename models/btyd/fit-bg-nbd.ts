import { createBgNbdLogLikelihood } from './bg-nbd-log-likelihood.js';
import type { BgNbdCustomer, BgNbdFit, BgNbdParams } from './bg-nbd-types.js';
import { maximizeLogLikelihood, type MaximumLikelihoodOptions } from './maximize-log-likelihood.js';
import { assertPositiveParams } from './validate-btyd-inputs.js';

export interface BgNbdFitOptions extends MaximumLikelihoodOptions {
  /** Starting point of the search. Default r = alpha = a = b = 1. */
  initialParams?: BgNbdParams;
}

/** Fits BG/NBD by maximum likelihood. Throws BtydInputError on invalid customers or options. */
export function fitBgNbd(customers: readonly BgNbdCustomer[], options: BgNbdFitOptions = {}): BgNbdFit {
  const { r, alpha, a, b } = options.initialParams ?? { r: 1, alpha: 1, a: 1, b: 1 };
  assertPositiveParams('BG/NBD initialParams', { r, alpha, a, b });
  const logLikelihood = createBgNbdLogLikelihood(customers);
  const fit = maximizeLogLikelihood(
    ([fittedR = r, fittedAlpha = alpha, fittedA = a, fittedB = b]) =>
      logLikelihood({ r: fittedR, alpha: fittedAlpha, a: fittedA, b: fittedB }),
    customers.length,
    [r, alpha, a, b],
    options,
  );
  const [fittedR = r, fittedAlpha = alpha, fittedA = a, fittedB = b] = fit.params;
  return {
    r: fittedR,
    alpha: fittedAlpha,
    a: fittedA,
    b: fittedB,
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
  };
}
