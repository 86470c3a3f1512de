import { z } from 'zod';

/**
 * How far the score item stored in the table may be from a run's new scores and still stand
 * (functions/adapters/customer-items/diff-bucket.ts). A nightly rescore moves nearly every score a
 * little (a day older, P(alive) decays), and each rewritten item is a DynamoDB write unit; these
 * say which moves are worth one. A changed segment, changed orders or a change of the run's
 * settings is always written, whatever the tolerance: every decision a segment drives is current.
 *
 * - `probability` (churn, P(alive)): 0.02. Campaigns act on bands (churn bands, the predictive
 *   grid), and a customer crossing a band edge is written as a segment change anyway; within a
 *   band, two percentage points is below what anyone reads into a churn score.
 * - `valueRelative` and `valueAbsolute` (predicted spend in the horizon, predicted lifetime value):
 *   written when |new - old| > max(valueRelative x |old|, valueAbsolute): 5% or 1 currency unit.
 *   Value tiers and thresholds are segments again; a predicted value within 5% (a prediction whose
 *   own interval is far wider) or within one unit of money changes no budget or bid.
 * - `nextOrderDays`: 7, a week, the usual cadence of a campaign calendar; a date that has come is
 *   always rewritten.
 *
 * The stored value is compared with the stored one, not with yesterday's, so drift accumulates:
 * a reader never sees a value further from the current prediction than these.
 */
export const WriteToleranceSchema = z
  .object({
    /** Largest move of churn probability or P(alive) left unwritten; 0 writes every change. */
    probability: z.number().min(0).max(0.5, 'a probability tolerance above 0.5 would keep scores that no longer say anything').default(0.02),
    /** Largest relative move of a predicted value left unwritten (0.05: 5%). */
    valueRelative: z.number().min(0).max(1, 'expected a share such as 0.05 (5%), at most 1').default(0.05),
    /** Moves of a predicted value up to this amount (in the orders' currency) are never written. */
    valueAbsolute: z.number().min(0).finite().default(1),
    /** Days the expected next order date may move unwritten (a passed date is always written). */
    nextOrderDays: z.number().int().min(0).max(365).default(7),
  })
  .strict();

export type WriteTolerance = z.infer<typeof WriteToleranceSchema>;

export const DEFAULT_WRITE_TOLERANCE: WriteTolerance = WriteToleranceSchema.parse({});

/** `writes`: how a run writes its scores to the table. Read by every WriteShard from the run's configuration copy. */
export const WritesSectionSchema = z
  .object({
    tolerance: WriteToleranceSchema.default(DEFAULT_WRITE_TOLERANCE),
  })
  .strict();

export type WritesConfig = z.infer<typeof WritesSectionSchema>;
