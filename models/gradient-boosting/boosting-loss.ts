import type { GradientBoostingLoss } from './gradient-boosting-model.js';

/** What boosting needs from a loss: scikit-learn's HalfBinomialLoss and HalfSquaredError. */
export interface BoostingLoss {
  /** The best constant raw prediction. */
  baseline(y: Float64Array): number;
  /** Writes the gradient and hessian of the loss at each raw prediction. */
  gradients(y: Float64Array, raw: Float64Array, gradients: Float64Array, hessians: Float64Array): void;
  /** Mean loss, the early-stopping score. */
  meanLoss(y: ArrayLike<number>, raw: Float64Array): number;
  /** Raw prediction to the reported prediction. */
  inverseLink(raw: number): number;
}

const sigmoid = (raw: number): number => {
  if (raw >= 0) return 1 / (1 + Math.exp(-raw));
  const e = Math.exp(raw);
  return e / (1 + e);
};

/** log(1 + exp(raw)) without overflow. */
const softplus = (raw: number): number => (raw > 0 ? raw + Math.log1p(Math.exp(-raw)) : Math.log1p(Math.exp(raw)));

const mean = (values: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i]!;
  return sum / values.length;
};

const logLoss: BoostingLoss = {
  baseline: (y) => {
    const p = Math.min(Math.max(mean(y), Number.EPSILON), 1 - Number.EPSILON);
    return Math.log(p / (1 - p));
  },
  gradients: (y, raw, gradients, hessians) => {
    for (let i = 0; i < y.length; i += 1) {
      const p = sigmoid(raw[i]!);
      gradients[i] = p - y[i]!;
      hessians[i] = p * (1 - p);
    }
  },
  meanLoss: (y, raw) => {
    let sum = 0;
    for (let i = 0; i < y.length; i += 1) sum += softplus(raw[i]!) - y[i]! * raw[i]!;
    return sum / y.length;
  },
  inverseLink: sigmoid,
};

const squaredError: BoostingLoss = {
  baseline: mean,
  gradients: (y, raw, gradients, hessians) => {
    for (let i = 0; i < y.length; i += 1) {
      gradients[i] = raw[i]! - y[i]!;
      hessians[i] = 1;
    }
  },
  meanLoss: (y, raw) => {
    let sum = 0;
    for (let i = 0; i < y.length; i += 1) {
      const error = raw[i]! - y[i]!;
      sum += 0.5 * error * error;
    }
    return sum / y.length;
  },
  inverseLink: (raw) => raw,
};

export const BOOSTING_LOSSES: Record<GradientBoostingLoss, BoostingLoss> = {
  'log-loss': logLoss,
  'squared-error': squaredError,
};
