/**
 * One customer's purchase history in BG/NBD's summary form. Times are in a unit the caller picks
 * (weeks, days...), the same for every customer and for any prediction horizon.
 */
export interface BgNbdCustomer {
  /** Repeat transactions (purchases after the first). */
  x: number;
  /** Time of the last transaction, measured from the first; 0 when x = 0. */
  tx: number;
  /** Time from the first transaction to the end of the observation period. */
  T: number;
}

/** Purchase rates are Gamma(r, alpha) across customers; dropout probabilities are Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  /** Log-likelihood at the fitted parameters (without any penalty). */
  logLikelihood: number;
  converged: boolean;
  /** Nelder-Mead iterations over all restarts. */
  iterations: number;
}
