import { ranksInOrder } from './average-ranks.js';
import { ascendingOrder, descendingFromAscending } from './sort-order.js';
import { assertFinite } from './validate-metric-inputs.js';
import { MetricInputError } from './metric-input-error.js';

/**
 * What customers actually spent in a label window, with what every metric derives from it (the
 * churn labels, its sort orders and ranks) worked out once: several models scored against the
 * same window then sort only their own predictions.
 */
export interface ObservedSpend {
  readonly actual: ArrayLike<number>;
  /** 1 (churned) where the customer spent nothing, 0 where they bought (churnedFromSpend). */
  readonly churned: Uint8Array;
  /** Row indices by ascending and by descending spend, ties in row order (ascendingOrder). */
  readonly ascending: Uint32Array;
  readonly descending: Uint32Array;
  /** Average ranks of the spend (averageRanks). */
  readonly ranks: Float64Array;
}

/** The spend with its derived labels, orders and ranks; the values must be finite, and there must be some. */
export function observedSpend(actual: ArrayLike<number>): ObservedSpend {
  if (actual.length === 0) throw new MetricInputError('observedSpend: inputs are empty');
  assertFinite('observedSpend', actual);
  const churned = new Uint8Array(actual.length);
  for (let i = 0; i < actual.length; i += 1) churned[i] = actual[i]! > 0 ? 0 : 1;
  const ascending = ascendingOrder(actual);
  return { actual, churned, ascending, descending: descendingFromAscending(actual, ascending), ranks: ranksInOrder(actual, ascending) };
}

export const isObservedSpend = (value: ArrayLike<number> | ObservedSpend): value is ObservedSpend => 'churned' in value;
