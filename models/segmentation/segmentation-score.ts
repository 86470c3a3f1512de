import type { CustomerScore } from '../scoring/customer-score.js';

/** What segmenting one customer reads: RFM inputs, predicted lifetime value and churn. */
export interface SegmentationScore {
  customerId: string;
  churnProbability: number;
  /** Value tiers rank by it. */
  predictedClv: number;
  /** Days since the last purchase day, as of the scoring day. */
  recencyDays: number;
  /** Purchase days (RFM's F: every purchase day, where lifetimes' frequency counts repeats). */
  frequency: number;
  /** Net spend so far. */
  monetary: number;
}

/** The RFM view of a customer's score: recency T - recency, purchase days frequency + 1, historicClv. */
export const segmentationScoreOf = (score: CustomerScore): SegmentationScore => ({
  customerId: score.customerId,
  churnProbability: score.churnProbability,
  predictedClv: score.predictedClv,
  recencyDays: score.T - score.recency,
  frequency: score.frequency + 1,
  monetary: score.historicClv,
});
