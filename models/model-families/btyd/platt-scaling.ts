/** P(event) = sigmoid(slope * logit(p) + intercept): Platt scaling on the logit of a probability. */
export interface PlattScaling {
  slope: number;
  intercept: number;
}

const EPSILON = 1e-6;
const logit = (p: number): number => {
  const q = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export const IDENTITY_PLATT: PlattScaling = { slope: 1, intercept: 0 };

/**
 * Fits Platt scaling by Newton's method on the logistic log-likelihood (labels 1 = event), with a
 * tiny ridge towards the identity so that separable or constant inputs stay finite.
 */
export function fitPlattScaling(probabilities: ArrayLike<number>, labels: ArrayLike<number>, iterations = 50): PlattScaling {
  let { slope, intercept } = IDENTITY_PLATT;
  const ridge = 1e-6 * probabilities.length;
  // Each logit once, not once per Newton step (a million logs a step at a million customers).
  const logits = new Float64Array(probabilities.length);
  for (let i = 0; i < logits.length; i += 1) logits[i] = logit(probabilities[i]!);
  for (let step = 0; step < iterations; step += 1) {
    let gSlope = ridge * (slope - 1);
    let gIntercept = ridge * intercept;
    let hSS = ridge;
    let hSI = 0;
    let hII = ridge;
    for (let i = 0; i < probabilities.length; i += 1) {
      const z = logits[i]!;
      const q = sigmoid(slope * z + intercept);
      const residual = q - labels[i]!;
      const weight = q * (1 - q);
      gSlope += residual * z;
      gIntercept += residual;
      hSS += weight * z * z;
      hSI += weight * z;
      hII += weight;
    }
    const determinant = hSS * hII - hSI * hSI;
    const dSlope = (hII * gSlope - hSI * gIntercept) / determinant;
    const dIntercept = (hSS * gIntercept - hSI * gSlope) / determinant;
    slope -= dSlope;
    intercept -= dIntercept;
    if (Math.abs(dSlope) + Math.abs(dIntercept) < 1e-10) break;
  }
  return { slope, intercept };
}

export function applyPlattScaling(scaling: PlattScaling, probabilities: ArrayLike<number>): Float64Array {
  // A plain loop: Float64Array.from with a mapping function costs several times as much per row.
  const scaled = new Float64Array(probabilities.length);
  for (let i = 0; i < scaled.length; i += 1) scaled[i] = sigmoid(scaling.slope * logit(probabilities[i]!) + scaling.intercept);
  return scaled;
}
