import type { GammaGammaCustomer, GammaGammaFit } from '../btyd/index.js';
import { createGammaGammaLogLikelihood } from '../btyd/gamma-gamma-log-likelihood.js';
import { maximizeLogLikelihood } from '../btyd/maximize-log-likelihood.js';

/** Bound on |ln p|, |ln q|, |ln v| after rescaling; beyond it the log-gammas lose the digits the fit needs. */
const MAX_ABS_LOG_PARAM = 12;

/**
 * Gamma-Gamma by maximum likelihood, made scale-free and bounded. Spends are divided by their
 * median first (the model is scale-equivariant: v scales with the currency, p and q do not), and
 * the search stays within e^-12..e^12. Without the bound, data whose repeat spends barely vary
 * within customers send p -> infinity, v -> 0 with p v fixed, until rounding in the log-gammas
 * fakes an ever higher likelihood.
 */
export function fitGammaGammaScaled(customers: readonly GammaGammaCustomer[]): GammaGammaFit {
  const sorted = customers.map((c) => c.mx).sort((a, b) => a - b);
  const scale = sorted[Math.floor(sorted.length / 2)] ?? 1;
  const logLikelihood = createGammaGammaLogLikelihood(customers.map(({ x, mx }) => ({ x, mx: mx / scale })));
  const bounded = ([p = 1, q = 1, v = 1]: number[]): number =>
    [p, q, v].every((value) => Math.abs(Math.log(value)) <= MAX_ABS_LOG_PARAM) ? logLikelihood({ p, q, v }) : Number.NaN;
  const fit = maximizeLogLikelihood(bounded, customers.length, [1, 2, 1]);
  const [p = 1, q = 1, v = 1] = fit.params;
  const jacobian = customers.length * Math.log(scale);
  return { p, q, v: v * scale, logLikelihood: fit.logLikelihood - jacobian, converged: fit.converged, iterations: fit.iterations };
}
