/** One model family's predictions for a list of customers over the horizon. */
export interface CustomerPredictions {
  customerIds: string[];
  /** P(no purchase in the horizon). */
  churnProbability: Float64Array;
  /** Expected spend in the horizon. */
  predictedValue: Float64Array;
}
