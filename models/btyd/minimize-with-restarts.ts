import { nelderMead, type MinimizationResult, type NelderMeadOptions, type Objective } from './nelder-mead.js';

export interface RestartOptions extends NelderMeadOptions {
  /** Further Nelder-Mead runs started afresh from the best point so far. Default 5. */
  maxRestarts?: number;
}

/**
 * Nelder-Mead with restarts: a simplex can collapse onto a non-stationary point (McKinnon 1998), and
 * a fresh full-size simplex around the best point so far escapes that. Stops once a restart no longer
 * improves the value by more than the value tolerance; `converged` means that last run converged too.
 */
export function minimizeWithRestarts(
  objective: Objective,
  start: readonly number[],
  options: RestartOptions = {},
): MinimizationResult {
  const maxRestarts = options.maxRestarts ?? 5;
  const valueTolerance = options.valueTolerance ?? 1e-10;
  let best = nelderMead(objective, start, options);
  let iterations = best.iterations;
  let evaluations = best.evaluations;
  for (let restart = 0; restart < maxRestarts; restart += 1) {
    const next = nelderMead(objective, best.point, options);
    iterations += next.iterations;
    evaluations += next.evaluations;
    const improvement = best.value - next.value;
    if (next.value <= best.value) best = next;
    if (improvement <= valueTolerance && next.converged) {
      return { ...best, iterations, evaluations, converged: true };
    }
  }
  return { ...best, iterations, evaluations, converged: false };
}
