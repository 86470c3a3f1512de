import { HypergeometricError } from './hypergeometric-error.js';
import { gammaSign, logGamma } from './log-gamma.js';

const MAX_SERIES_TERMS = 100_000;
const RELATIVE_TOLERANCE = 1e-16;
/** Parameter shift used when c - a - b is (nearly) an integer; see below. */
const INTEGER_GAP_SHIFT = 1e-4;

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z <= 1.
 *
 * The power series converges fast only for |z| well below 1, so z is first mapped there:
 * - z < 0: Pfaff, 2F1(a, b; c; z) = (1 - z)^(-a) 2F1(a, c - b; c; z / (z - 1)), with z / (z - 1) in (0, 1);
 * - 0 <= z <= 1/2: the series itself;
 * - 1/2 < z < 1: the 1 - z connection formula (Abramowitz & Stegun 15.3.6), two series in 1 - z < 1/2;
 * - z = 1: Gauss's sum Gamma(c) Gamma(c - a - b) / (Gamma(c - a) Gamma(c - b)), when c - a - b > 0.
 *
 * A&S 15.3.6 has removable poles when m = c - a - b is an integer (the two terms blow up and cancel).
 * Rather than the separate digamma formulas for that case (A&S 15.3.10-12), 2F1 is evaluated at
 * c +- h and c +- 2h and combined by Richardson extrapolation,
 *   F(c) = [4 (F(c + h) + F(c - h)) - (F(c + 2h) + F(c - 2h))] / 6 + O(h^4),
 * which is valid because 2F1 is analytic in c. With h = 1e-4 the truncation is ~1e-16 and the
 * cancellation inside each shifted evaluation costs about log10(1/h) = 4 digits.
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite) || z > 1) {
    throw new HypergeometricError('2F1 needs finite parameters and z <= 1', { cause: { a, b, c, z } });
  }
  if (isNonPositiveInteger(c) && !terminatesBefore(a, b, c)) {
    throw new HypergeometricError('2F1 is undefined when c is a non-positive integer', { cause: { a, b, c, z } });
  }
  if (z === 0 || a === 0 || b === 0) return 1;
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return powerSeries(a, b, c, z);
  if (z < 0) return Math.pow(1 - z, -a) * hypergeometric2F1(a, c - b, c, z / (z - 1));
  if (z <= 0.5) return powerSeries(a, b, c, z);
  if (z === 1) return gaussSum(a, b, c);
  const m = c - a - b;
  if (Math.abs(m - Math.round(m)) >= INTEGER_GAP_SHIFT / 2) return oneMinusZConnection(a, b, c, z);
  const shiftedPair = (shift: number): number =>
    oneMinusZConnection(a, b, c + shift, z) + oneMinusZConnection(a, b, c - shift, z);
  return (4 * shiftedPair(INTEGER_GAP_SHIFT) - shiftedPair(2 * INTEGER_GAP_SHIFT)) / 6;
}

function powerSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n += 1) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    if (Math.abs(ratio) < 1 && Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) return sum;
  }
  throw new HypergeometricError(`2F1 series did not converge in ${MAX_SERIES_TERMS} terms`, {
    cause: { a, b, c, z },
  });
}

/** A&S 15.3.6, valid for non-integer c - a - b; both series are in 1 - z < 1/2. */
function oneMinusZConnection(a: number, b: number, c: number, z: number): number {
  const m = c - a - b;
  const w = 1 - z;
  const first = gammaRatio([c, m], [c - a, c - b]) * powerSeries(a, b, 1 - m, w);
  const second = gammaRatio([c, -m], [a, b]) * Math.pow(w, m) * powerSeries(c - a, c - b, 1 + m, w);
  return first + second;
}

function gaussSum(a: number, b: number, c: number): number {
  if (c - a - b <= 0) {
    throw new HypergeometricError('2F1 diverges at z = 1 unless c - a - b > 0', { cause: { a, b, c } });
  }
  return gammaRatio([c, c - a - b], [c - a, c - b]);
}

/** prod Gamma(numerator) / prod Gamma(denominator), via log-gamma; 0 when a denominator hits a pole. */
function gammaRatio(numerator: readonly number[], denominator: readonly number[]): number {
  let logMagnitude = 0;
  let sign = 1;
  for (const x of numerator) {
    logMagnitude += logGamma(x);
    sign *= gammaSign(x);
  }
  for (const x of denominator) {
    if (isNonPositiveInteger(x)) return 0;
    logMagnitude -= logGamma(x);
    sign *= gammaSign(x);
  }
  return sign * Math.exp(logMagnitude);
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** With a (or b) = -k and c = -l, k < l, the series stops before the (c)_n denominator reaches zero. */
function terminatesBefore(a: number, b: number, c: number): boolean {
  return [a, b].some((top) => isNonPositiveInteger(top) && top > c);
}
