import { GradientBoostingInputError } from './gradient-boosting-input-error.js';
import type { GradientBoostingLoss } from './gradient-boosting-model.js';

/** scikit-learn's HistGradientBoosting* settings; everything but `loss` and `seed` defaults to theirs. */
export interface GradientBoostingOptions {
  loss: GradientBoostingLoss;
  /** Seeds the early-stopping validation split and the binning subsample. */
  seed: number;
  learningRate?: number;
  maxIter?: number;
  maxLeafNodes?: number;
  /** null: no depth limit. */
  maxDepth?: number | null;
  minSamplesLeaf?: number;
  l2Regularization?: number;
  maxBins?: number;
  /** 'auto': on when there are more than 10,000 rows. */
  earlyStopping?: 'auto' | boolean;
  validationFraction?: number;
  nIterNoChange?: number;
  tol?: number;
}

export type ResolvedGradientBoostingOptions = Required<GradientBoostingOptions>;

export const GRADIENT_BOOSTING_DEFAULTS = {
  learningRate: 0.1,
  maxIter: 100,
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  l2Regularization: 0,
  maxBins: 255,
  earlyStopping: 'auto',
  validationFraction: 0.1,
  nIterNoChange: 10,
  tol: 1e-7,
} as const satisfies Omit<ResolvedGradientBoostingOptions, 'loss' | 'seed'>;

const isInteger = (value: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isInteger(value) && value >= min && value <= max;
const isNumber = (value: number, min: number, max = Number.POSITIVE_INFINITY) =>
  Number.isFinite(value) && value >= min && value <= max;

export function resolveOptions(options: GradientBoostingOptions): ResolvedGradientBoostingOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const resolved = { ...GRADIENT_BOOSTING_DEFAULTS, ...given } as ResolvedGradientBoostingOptions;
  const checks: [keyof ResolvedGradientBoostingOptions, boolean][] = [
    ['loss', resolved.loss === 'log-loss' || resolved.loss === 'squared-error'],
    ['seed', Number.isFinite(resolved.seed)],
    ['learningRate', isNumber(resolved.learningRate, Number.MIN_VALUE)],
    ['maxIter', isInteger(resolved.maxIter, 1)],
    ['maxLeafNodes', isInteger(resolved.maxLeafNodes, 2)],
    ['maxDepth', resolved.maxDepth === null || isInteger(resolved.maxDepth, 1)],
    ['minSamplesLeaf', isInteger(resolved.minSamplesLeaf, 1)],
    ['l2Regularization', isNumber(resolved.l2Regularization, 0)],
    // Bins are stored as bytes.
    ['maxBins', isInteger(resolved.maxBins, 2, 255)],
    ['earlyStopping', resolved.earlyStopping === 'auto' || typeof resolved.earlyStopping === 'boolean'],
    ['validationFraction', isNumber(resolved.validationFraction, Number.MIN_VALUE, 1 - Number.EPSILON)],
    ['nIterNoChange', isInteger(resolved.nIterNoChange, 1)],
    ['tol', isNumber(resolved.tol, 0)],
  ];
  const invalid = checks.filter(([, ok]) => !ok).map(([name]) => name);
  if (invalid.length > 0) {
    throw new GradientBoostingInputError(`gradient boosting: invalid option(s) ${invalid.join(', ')}`, {
      cause: Object.fromEntries(invalid.map((name) => [name, resolved[name]])),
    });
  }
  return resolved;
}
