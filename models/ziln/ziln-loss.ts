/**
 * Zero-inflated lognormal (Wang, Liu & Miao 2019): the network's three outputs are the logit of
 * P(any purchase in the horizon), and mu and sigma of the lognormal spend given a purchase.
 * One head gives both churn (1 - P) and expected spend (P * E[lognormal]), so they agree.
 */
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
export const SIGMA_MIN = 1e-3;
export const SIGMA_MAX = 3;

export const softplus = (x: number): number => (x > 20 ? x : Math.log1p(Math.exp(x)));

/**
 * The ZILN loss summed over `rows` rows of `head` ([rows, 3]: logit, mu, raw sigma) against their
 * spend (`spend[offset + i]` for row i), and, when `gradient` is given, the gradient of the loss's
 * mean over the rows with respect to each head output, written into it ([rows, 3]).
 *
 * Per row: the sigmoid cross-entropy of buying, plus for buyers the lognormal's negative
 * log-likelihood of log(spend); the mean over the rows is the loss the network minimises (the
 * buyers' mean likelihood weighted by their share of the rows, as in the paper).
 * sigma = clip(softplus(raw), SIGMA_MIN, SIGMA_MAX), with no gradient where clipped.
 */
export function zilnLossSum(head: Float32Array, spend: Float32Array, offset: number, rows: number, gradient?: Float32Array): number {
  let sum = 0;
  const scale = 1 / rows;
  for (let i = 0; i < rows; i += 1) {
    const logit = head[i * 3]!;
    const mu = head[i * 3 + 1]!;
    const raw = head[i * 3 + 2]!;
    const y = spend[offset + i]!;
    const bought = y > 0 ? 1 : 0;
    // Cross-entropy from the logit, stable for large |logit|: max(x, 0) - x z + log(1 + exp(-|x|)).
    sum += Math.max(logit, 0) - logit * bought + Math.log1p(Math.exp(-Math.abs(logit)));
    let dMu = 0;
    let dRaw = 0;
    if (bought) {
      const soft = softplus(raw);
      const sigma = Math.min(Math.max(soft, SIGMA_MIN), SIGMA_MAX);
      const logY = Math.log(y);
      const z = (logY - mu) / sigma;
      sum += logY + Math.log(sigma) + LOG_SQRT_2PI + 0.5 * z * z;
      dMu = -z / sigma;
      if (soft >= SIGMA_MIN && soft <= SIGMA_MAX) dRaw = ((1 - z * z) / sigma) / (1 + Math.exp(-raw));
    }
    if (gradient) {
      gradient[i * 3] = (1 / (1 + Math.exp(-logit)) - bought) * scale;
      gradient[i * 3 + 1] = dMu * scale;
      gradient[i * 3 + 2] = dRaw * scale;
    }
  }
  return sum;
}
