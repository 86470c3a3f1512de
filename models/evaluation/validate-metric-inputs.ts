import { MetricInputError } from './metric-input-error.js';

export function assertPairedFiniteValues(
  metric: string,
  first: readonly number[],
  second: readonly number[],
): void {
  if (first.length !== second.length) {
    throw new MetricInputError(
      `${metric}: inputs have different lengths (${first.length} and ${second.length})`,
    );
  }
  if (first.length === 0) {
    throw new MetricInputError(`${metric}: inputs are empty`);
  }
  assertFinite(metric, first);
  assertFinite(metric, second);
}

export function assertBinaryLabels(metric: string, labels: readonly number[]): void {
  const invalidIndex = labels.findIndex((label) => label !== 0 && label !== 1);
  if (invalidIndex >= 0) {
    throw new MetricInputError(`${metric}: labels must be 0 or 1`, {
      cause: { index: invalidIndex, label: labels[invalidIndex] },
    });
  }
}

export function assertProbabilities(metric: string, probs: readonly number[]): void {
  const invalidIndex = probs.findIndex((prob) => !(prob >= 0 && prob <= 1));
  if (invalidIndex >= 0) {
    throw new MetricInputError(`${metric}: probabilities must lie in [0, 1]`, {
      cause: { index: invalidIndex, probability: probs[invalidIndex] },
    });
  }
}

function assertFinite(metric: string, values: readonly number[]): void {
  const invalidIndex = values.findIndex((value) => !Number.isFinite(value));
  if (invalidIndex >= 0) {
    throw new MetricInputError(`${metric}: values must be finite numbers`, {
      cause: { index: invalidIndex, value: values[invalidIndex] },
    });
  }
}
