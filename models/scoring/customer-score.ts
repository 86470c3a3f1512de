/** What the predictive model says about one customer as of a date; the input to segmentation. */
export interface CustomerScore {
  customerId: string;
  /** Probability of no order in (asOf, asOf + horizon]. */
  churnProbability: number;
  /** Expected spend in (asOf, asOf + horizon]. */
  predictedClv: number;
  /** Days since the last order, as of asOf. */
  recencyDays: number;
  /** Number of orders (distinct order days) up to asOf. */
  frequency: number;
  /** Total spend up to asOf. */
  monetary: number;
}
