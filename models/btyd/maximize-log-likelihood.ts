import { BtydInputError } from './btyd-input-error.js';
import { minimizeWithRestarts } from './minimize-with-restarts.js';

export interface MaximumLikelihoodOptions {
  /**
   * Ridge penalty on the log-parameters, per customer: the fit minimizes
   * -logLikelihood / n + l2Penalty * sum(ln(param)^2). It shrinks every parameter towards 1 and
   * helps with small or degenerate samples. Default 0 (plain maximum likelihood).
   */
  l2Penalty?: number;
  /** Nelder-Mead iterations per run. Default 2000. */
  maxIterations?: number;
  /** Fresh Nelder-Mead runs from the best point so far. Default 5. */
  maxRestarts?: number;
}

export interface MaximumLikelihoodResult {
  params: number[];
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

/**
 * Maximizes a log-likelihood over positive parameters by minimizing its negative mean over their
 * logarithms (so the search is unconstrained and scale-free) with restarted Nelder-Mead.
 */
export function maximizeLogLikelihood(
  logLikelihood: (params: number[]) => number,
  customerCount: number,
  initialParams: readonly number[],
  options: MaximumLikelihoodOptions = {},
): MaximumLikelihoodResult {
  const l2Penalty = options.l2Penalty ?? 0;
  if (!(l2Penalty >= 0) || !Number.isFinite(l2Penalty)) {
    throw new BtydInputError('l2Penalty must be a finite number >= 0', { cause: { l2Penalty } });
  }
  if (customerCount === 0) throw new BtydInputError('cannot fit a model to zero customers');
  const objective = (logParams: readonly number[]): number => {
    const penalty = l2Penalty * logParams.reduce((sum, logParam) => sum + logParam * logParam, 0);
    return -logLikelihood(logParams.map(Math.exp)) / customerCount + penalty;
  };
  const result = minimizeWithRestarts(objective, initialParams.map(Math.log), {
    maxIterations: options.maxIterations ?? 2000,
    maxRestarts: options.maxRestarts ?? 5,
    valueTolerance: 1e-12,
    pointTolerance: 1e-9,
  });
  const params = result.point.map(Math.exp);
  return {
    params,
    logLikelihood: logLikelihood(params),
    converged: result.converged && Number.isFinite(result.value),
    iterations: result.iterations,
  };
}
