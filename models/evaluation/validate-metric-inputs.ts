import { MetricInputError } from './metric-input-error.js';

/** Same length, not empty, every value finite; `secondChecked` when `second` was checked already (an observedSpend's). */
export function assertPairedFiniteValues(metric: string, first: ArrayLike<number>, second: ArrayLike<number>, options: { secondChecked?: boolean } = {}): void {
  if (first.length !== second.length) {
    throw new MetricInputError(
      `${metric}: inputs have different lengths (${first.length} and ${second.length})`,
    );
  }
  if (first.length === 0) {
    throw new MetricInputError(`${metric}: inputs are empty`);
  }
  assertFinite(metric, first);
  if (!options.secondChecked) assertFinite(metric, second);
}

// Each check is a plain loop: through one helper taking the test as a callback, they took 0.26 s
// of a million-customer backtest (a CPU profile), the callback called once per value.

export function assertBinaryLabels(metric: string, labels: ArrayLike<number>): void {
  let invalidIndex = -1;
  for (let index = 0; index < labels.length && invalidIndex < 0; index += 1) if (labels[index] !== 0 && labels[index] !== 1) invalidIndex = index;
  if (invalidIndex >= 0) {
    throw new MetricInputError(`${metric}: labels must be 0 or 1`, {
      cause: { index: invalidIndex, label: labels[invalidIndex] },
    });
  }
}

export function assertProbabilities(metric: string, probs: ArrayLike<number>): void {
  let invalidIndex = -1;
  for (let index = 0; index < probs.length && invalidIndex < 0; index += 1) if (!(probs[index]! >= 0 && probs[index]! <= 1)) invalidIndex = index;
  if (invalidIndex >= 0) {
    throw new MetricInputError(`${metric}: probabilities must lie in [0, 1]`, {
      cause: { index: invalidIndex, probability: probs[invalidIndex] },
    });
  }
}

export function assertFinite(metric: string, values: ArrayLike<number>): void {
  let invalidIndex = -1;
  for (let index = 0; index < values.length && invalidIndex < 0; index += 1) if (!Number.isFinite(values[index])) invalidIndex = index;
  if (invalidIndex >= 0) {
    throw new MetricInputError(`${metric}: values must be finite numbers`, {
      cause: { index: invalidIndex, value: values[invalidIndex] },
    });
  }
}
