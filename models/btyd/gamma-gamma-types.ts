/** A repeat buyer's spend summary: x repeat transactions with mean value mx (both > 0). */
export interface GammaGammaCustomer {
  x: number;
  mx: number;
}

/**
 * Transaction values are Gamma(p, nu) around each customer's mean, and the scale nu is Gamma(q, v)
 * across customers, so the population mean spend per transaction is p v / (q - 1).
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  /** Log-likelihood at the fitted parameters (without any penalty). */
  logLikelihood: number;
  converged: boolean;
  /** Nelder-Mead iterations over all restarts. */
  iterations: number;
}
