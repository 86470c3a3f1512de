// Lanczos approximation with g = 7 and 9 coefficients (relative error of Gamma about 1e-15).
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln |Gamma(x)| for any real x; +Infinity at the poles (0, -1, -2, ...). Arguments below 1/2 go
 * through the reflection formula Gamma(x) Gamma(1 - x) = pi / sin(pi x).
 */
export function logGamma(x: number): number {
  if (x < 0.5) {
    if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
    return Math.log(Math.PI / Math.abs(sinPi(x))) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let k = 1; k < LANCZOS_COEFFICIENTS.length; k += 1) {
    series += (LANCZOS_COEFFICIENTS[k] ?? 0) / (shifted + k);
  }
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/** Sign of Gamma(x): +1 for x > 0, alternating between the negative poles, 0 at a pole. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/**
 * sin(pi x), reduced exactly to an argument in [-1/2, 1/2] first. Near the poles of Gamma this
 * keeps full relative precision (Math.sin(Math.PI * x) alone loses about log10(1 / distance) digits),
 * which the 1 - z connection formula of 2F1 relies on.
 */
function sinPi(x: number): number {
  const reduced = x - 2 * Math.round(x / 2);
  if (reduced > 0.5) return Math.sin(Math.PI * (1 - reduced));
  if (reduced < -0.5) return -Math.sin(Math.PI * (1 + reduced));
  return Math.sin(Math.PI * reduced);
}
