import type { CustomerScore } from '../scoring/customer-score.js';

/** What segmenting one customer reads: RFM inputs, tenure, predicted lifetime value and churn, and the row rules read. */
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
  /** Days from the first purchase day to the scoring day (lifetimes' T); lifecycle stages read it. */
  tenureDays: number;
  /**
   * The customer's whole score row (a CustomerScore, and any extra columns the score rows carry):
   * what user-defined rules read beyond the fields above. Absent fields read as missing.
   */
  row?: Readonly<Record<string, unknown>>;
}

/** The RFM view of a customer's score: recency T - recency, purchase days frequency + 1, historicClv; the row kept for rules. */
export const segmentationScoreOf = (score: CustomerScore): SegmentationScore => ({
  customerId: score.customerId,
  churnProbability: score.churnProbability,
  predictedClv: score.predictedClv,
  recencyDays: score.T - score.recency,
  frequency: score.frequency + 1,
  monetary: score.historicClv,
  tenureDays: score.T,
  row: score,
});
