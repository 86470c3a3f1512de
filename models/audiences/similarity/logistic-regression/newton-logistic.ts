import { AudienceInputError } from '../../errors.js';

export interface LogisticProblem {
  /** Row-major design matrix, column 0 the intercept (not penalised). */
  x: Float64Array;
  width: number;
  /** The rows to fit on, their labels (1 seed, 0 pool) and weights. */
  rows: Uint32Array;
  labels: Uint8Array;
  weights: Float64Array;
  /** L2 penalty on every coefficient but the intercept. */
  l2: number;
}

const MAX_ITERATIONS = 30;
const TOLERANCE = 1e-7;
const MAX_HALVINGS = 20;

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/**
 * L2-regularised weighted logistic regression by Newton's method (iteratively reweighted least
 * squares) with step halving: no learning rate to tune and no randomness, so the same data gives
 * the same coefficients on every machine. The penalty makes the Hessian positive definite, so
 * one-hot columns need no reference level.
 */
export function fitLogistic(problem: LogisticProblem): Float64Array {
  const { width } = problem;
  let beta = new Float64Array(width);
  let loss = penalisedLoss(problem, beta);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const { gradient, hessian } = derivatives(problem, beta);
    const step = solveCholesky(hessian, gradient, width);
    let scale = 1;
    let next = beta;
    let nextLoss = loss;
    for (let halving = 0; halving <= MAX_HALVINGS; halving += 1, scale /= 2) {
      next = beta.map((b, j) => b - scale * (step[j] as number));
      nextLoss = penalisedLoss(problem, next);
      if (Number.isFinite(nextLoss) && nextLoss <= loss) break;
    }
    if (!(Number.isFinite(nextLoss) && nextLoss <= loss)) break;
    const change = Math.max(...step.map((s) => Math.abs(s * scale)));
    beta = next;
    loss = nextLoss;
    if (change < TOLERANCE) break;
  }
  return beta;
}

function linear(problem: LogisticProblem, beta: Float64Array, row: number): number {
  const offset = row * problem.width;
  let z = 0;
  for (let j = 0; j < problem.width; j += 1) {
    const value = problem.x[offset + j] as number;
    if (value !== 0) z += value * (beta[j] as number);
  }
  return z;
}

function penalisedLoss(problem: LogisticProblem, beta: Float64Array): number {
  let loss = 0;
  problem.rows.forEach((row, i) => {
    const z = linear(problem, beta, row);
    loss += (problem.weights[i] as number) * (softplus(z) - (problem.labels[i] as number) * z);
  });
  for (let j = 1; j < problem.width; j += 1) loss += 0.5 * problem.l2 * (beta[j] as number) ** 2;
  return loss;
}

function derivatives(problem: LogisticProblem, beta: Float64Array): { gradient: Float64Array; hessian: Float64Array } {
  const { width, x } = problem;
  const gradient = new Float64Array(width);
  const hessian = new Float64Array(width * width);
  const nonZero = new Int32Array(width);
  problem.rows.forEach((row, i) => {
    const offset = row * width;
    const p = sigmoid(linear(problem, beta, row));
    const weight = problem.weights[i] as number;
    const residual = weight * (p - (problem.labels[i] as number));
    const curvature = weight * p * (1 - p);
    // Rows are mostly zeros (one-hot levels): accumulate over the non-zero columns only.
    let count = 0;
    for (let j = 0; j < width; j += 1) if (x[offset + j] !== 0) nonZero[count++] = j;
    for (let a = 0; a < count; a += 1) {
      const j = nonZero[a] as number;
      const xj = x[offset + j] as number;
      gradient[j]! += residual * xj;
      const scaled = curvature * xj;
      for (let b = 0; b <= a; b += 1) {
        const k = nonZero[b] as number;
        hessian[j * width + k]! += scaled * (x[offset + k] as number);
      }
    }
  });
  for (let j = 0; j < width; j += 1) {
    for (let k = 0; k < j; k += 1) hessian[k * width + j] = hessian[j * width + k] as number;
    if (j > 0) {
      gradient[j]! += problem.l2 * (beta[j] as number);
      hessian[j * width + j]! += problem.l2;
    }
  }
  return { gradient, hessian };
}

/** Solves A x = b for a symmetric positive-definite A (row-major n x n) by Cholesky decomposition. */
export function solveCholesky(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k += 1) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0)) throw new AudienceInputError(`logistic regression: the Hessian is not positive definite at column ${i}`);
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / (l[j * n + j] as number);
      }
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k += 1) sum -= (l[i * n + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k += 1) sum -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * n + i] as number);
  }
  return x;
}
