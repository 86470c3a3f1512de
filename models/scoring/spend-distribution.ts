import { normalCdf, normalQuantile } from './normal-distribution.js';

/**
 * One zero-inflated lognormal (ZILN) part of a customer's predictive distribution of horizon spend:
 * no purchase (spend 0) with probability `zeroMass`, otherwise spend ~ LogNormal(mu, sigma).
 * A family's distribution is a weighted mixture of such parts (the blend has two).
 */
export interface ZilnPart {
  weight: number;
  zeroMass: number;
  mu: number;
  sigma: number;
}

/** Below this log-spread a lognormal is a point; kept positive so the CDF stays defined. */
const MIN_SIGMA = 1e-6;
const BISECTION_STEPS = 60;
/** Bisection stops once log spend is pinned to this: a relative error of 1e-7, far below a cent on any order value. */
const LOG_TOLERANCE = 1e-7;

/**
 * The ZILN part with this P(no purchase), mean spend given a purchase and log-spread: mu is chosen
 * so the lognormal's mean exp(mu + sigma^2 / 2) is that mean. No positive mean means no spend at all.
 */
export function zilnPart(weight: number, zeroMass: number, meanIfBuying: number, sigma: number): ZilnPart {
  const spread = Math.max(sigma, MIN_SIGMA);
  if (!(meanIfBuying > 0) || !(zeroMass < 1)) return { weight, zeroMass: 1, mu: 0, sigma: spread };
  return { weight, zeroMass: Math.max(zeroMass, 0), mu: Math.log(meanIfBuying) - (spread * spread) / 2, sigma: spread };
}

/** P(spend <= s) under the mixture. */
export function spendCdf(parts: readonly ZilnPart[], s: number): number {
  let total = 0;
  for (const part of parts) {
    const positive = part.zeroMass < 1 && s > 0 ? normalCdf((Math.log(s) - part.mu) / part.sigma) : 0;
    total += part.weight * (part.zeroMass + (1 - part.zeroMass) * positive);
  }
  return s >= 0 ? total : 0;
}

/**
 * The q-quantile of horizon spend under the mixture: 0 when P(no purchase) is at least q; else the
 * lognormal quantile in closed form for one part, and bisection on log spend for a mixture. The
 * mixture's quantile lies between its buying parts' own q-quantiles when each part alone has
 * P(no purchase) below q (every part's CDF is at most q at the smallest, at least q at the
 * largest), which is the usual start; otherwise 10 sigmas around the parts' medians.
 */
export function spendQuantile(parts: readonly ZilnPart[], q: number): number {
  const buying = parts.filter((part) => part.weight > 0 && part.zeroMass < 1);
  const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0);
  const atZero = parts.reduce((sum, part) => sum + part.weight * (part.zeroMass < 1 ? part.zeroMass : 1), 0) / totalWeight;
  if (buying.length === 0 || atZero >= q) return 0;
  const ownQuantile = (part: ZilnPart) => part.mu + part.sigma * normalQuantile((q - part.zeroMass) / (1 - part.zeroMass));
  if (buying.length === 1 && parts.length === 1) return Math.exp(ownQuantile(buying[0]!));
  const bracketed = parts.length === buying.length && buying.every((part) => part.zeroMass < q);
  let low = bracketed ? Math.min(...buying.map(ownQuantile)) : Math.min(...buying.map((part) => part.mu - 10 * part.sigma));
  let high = bracketed ? Math.max(...buying.map(ownQuantile)) : Math.max(...buying.map((part) => part.mu + 10 * part.sigma));
  for (let step = 0; step < BISECTION_STEPS && high - low > LOG_TOLERANCE; step += 1) {
    const middle = (low + high) / 2;
    if (spendCdf(parts, Math.exp(middle)) / totalWeight < q) low = middle;
    else high = middle;
  }
  return Math.exp((low + high) / 2);
}

/**
 * An 80% interval of horizon spend: the 10th to 90th percentiles, which hold 80% of the
 * probability when P(no purchase) is below 10%. With more mass at 0 the 10th percentile is 0 and
 * [0, 90th percentile] would hold 90%, the zero mass included; the interval is then [0, 80th
 * percentile], which holds 80% (or [0, 0] when P(no purchase) alone is above 80%).
 */
export function spendInterval(parts: readonly ZilnPart[]): { predictedSpendLow: number; predictedSpendHigh: number } {
  const atZero = spendCdf(parts, 0) / parts.reduce((sum, part) => sum + part.weight, 0);
  if (atZero >= 0.1) return { predictedSpendLow: 0, predictedSpendHigh: spendQuantile(parts, 0.8) };
  return { predictedSpendLow: spendQuantile(parts, 0.1), predictedSpendHigh: spendQuantile(parts, 0.9) };
}
