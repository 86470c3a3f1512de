import type { GammaGammaCustomer, GammaGammaFit } from '../btyd/index.js';
import { createGammaGammaLogLikelihood } from '../btyd/gamma-gamma-log-likelihood.js';
import { minimizeWithRestarts } from '../btyd/minimize-with-restarts.js';

/** Bound on |ln p|, |ln q|, |ln v| after rescaling; beyond it the log-gammas lose the digits the fit needs. */
const MAX_ABS_LOG_PARAM = 12;

/**
 * Gamma-Gamma by maximum likelihood, made scale-free and bounded. Spends are divided by their
 * median first (the model is scale-equivariant: v scales with the currency, p and q do not), and
 * the search stays within e^-12..e^12. Without the bound, data whose repeat spends barely vary
 * within customers send p -> infinity, v -> 0 with p v fixed, until rounding in the log-gammas
 * fakes an ever higher likelihood. When spend per transaction hardly varies between customers, the
 * likelihood rises ever more slowly along q, v -> infinity with v / q fixed (the model tends to one
 * common spend distribution); as in fitBgNbdBounded, the search stops once the simplex's mean
 * log-likelihoods agree to 1e-10, rather than crawl along that ridge for thousands of iterations.
 */
export function fitGammaGammaScaled(customers: readonly GammaGammaCustomer[]): GammaGammaFit {
  const sorted = customers.map((c) => c.mx).sort((a, b) => a - b);
  const scale = sorted[Math.floor(sorted.length / 2)] ?? 1;
  const logLikelihood = createGammaGammaLogLikelihood(customers.map(({ x, mx }) => ({ x, mx: mx / scale })));
  const objective = (logParams: readonly number[]): number => {
    if (!logParams.every((value) => Math.abs(value) <= MAX_ABS_LOG_PARAM)) return Number.NaN;
    const [p = 1, q = 1, v = 1] = logParams.map(Math.exp);
    return -logLikelihood({ p, q, v }) / customers.length;
  };
  const fit = minimizeWithRestarts(objective, [0, Math.log(2), 0], { maxIterations: 2000, maxRestarts: 3, valueTolerance: 1e-10, pointTolerance: 0.5 });
  const [p = 1, q = 1, v = 1] = fit.point.map(Math.exp);
  const jacobian = customers.length * Math.log(scale);
  return { p, q, v: v * scale, logLikelihood: -fit.value * customers.length - jacobian, converged: fit.converged, iterations: fit.iterations };
}
