/** Per-customer BG/NBD and Gamma-Gamma inputs as of a day, in days, one transaction per customer-day. */
export interface BtydSummaries {
  asOf: string;
  /** Sorted as DuckDB sorts VARCHAR, the same order as computeFeatures. */
  customerIds: string[];
  /** Repeat transactions: distinct purchase days after the first. */
  x: Float64Array;
  /** Days from the first to the last purchase day. */
  tx: Float64Array;
  /** Days from the first purchase day to asOf. */
  T: Float64Array;
  /** Mean spend of the repeat purchase days; 0 when x = 0. */
  mx: Float64Array;
  /** Spend of the first purchase day (Gamma-Gamma ignores it; kept for features and fallbacks). */
  firstSpend: Float64Array;
}
