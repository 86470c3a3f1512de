import { seededPermutation } from '../random/seeded-permutation.js';
import type { BtydSummaries } from './btyd-summaries.js';

/** Customers used to fit the four BG/NBD and three Gamma-Gamma parameters at most; predictions still cover everyone. */
export const MAX_FIT_CUSTOMERS = 20_000;

/**
 * A seeded random subset of customers, in their original order. Population parameters fitted on
 * 20,000 customers differ from a full fit by far less than their own standard errors, and the fit
 * cost grows with every customer.
 */
export function sampleSummaries(summaries: BtydSummaries, maxCustomers = MAX_FIT_CUSTOMERS, seed = 1): BtydSummaries {
  const n = summaries.customerIds.length;
  if (n <= maxCustomers) return summaries;
  const chosen = seededPermutation(n, seed).subarray(0, maxCustomers).sort();
  const pick = (column: Float64Array) => Float64Array.from(chosen, (i) => column[i]!);
  return {
    asOf: summaries.asOf,
    customerIds: Array.from(chosen, (i) => summaries.customerIds[i]!),
    x: pick(summaries.x),
    tx: pick(summaries.tx),
    T: pick(summaries.T),
    mx: pick(summaries.mx),
    firstSpend: pick(summaries.firstSpend),
  };
}
