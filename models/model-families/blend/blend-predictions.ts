import { FamilyInputError } from '../errors.js';
import type { CustomerPredictions } from '../customer-predictions.js';

/**
 * weight * a + (1 - weight) * b for churn and value alike, so a blend of two families that are each
 * consistent (value = P(buy) x spend if buying) stays a mixture of consistent predictions.
 */
export function blendPredictions(a: CustomerPredictions, b: CustomerPredictions, weight: number): CustomerPredictions {
  const sameCustomers = a.customerIds === b.customerIds || (a.customerIds.length === b.customerIds.length && a.customerIds.every((id, i) => id === b.customerIds[i]));
  if (!sameCustomers) throw new FamilyInputError('Cannot blend predictions for different customer lists.');
  const mix = (x: Float64Array, y: Float64Array) => {
    const mixed = new Float64Array(x.length);
    for (let i = 0; i < mixed.length; i += 1) mixed[i] = weight * x[i]! + (1 - weight) * y[i]!;
    return mixed;
  };
  return {
    customerIds: a.customerIds,
    churnProbability: mix(a.churnProbability, b.churnProbability),
    predictedValue: mix(a.predictedValue, b.predictedValue),
  };
}
