import { z } from 'zod';

/** Ten years: the longest a lifecycle rule here keeps anything; `null` keeps it for good. */
export const MAX_RETENTION_DAYS = 3650;
/**
 * Runs read the previous run's files (its memberships, and its configuration copy while the stored file is
 * invalid), so run files must outlive the longest gap between two runs; a week is the least accepted.
 */
export const MIN_RUN_FILES_DAYS = 7;

const keptDays = (min: number) => z.number().int().min(min).max(MAX_RETENTION_DAYS).nullable();

/**
 * How long the data bucket keeps what the pipeline derives, in days after an object is written (`null`: for good).
 * Uploads, clean extracts, models and table ledgers are never expired: every run rebuilds from them.
 */
export const RetentionSectionSchema = z
  .object({
    /** runs/<run id>/: shard inputs and scores, statistics, memberships, the run's configuration copy. */
    runFilesDays: keptDays(MIN_RUN_FILES_DAYS).default(30),
    /** reports/: ingest and run reports (JSON and HTML). */
    reportsDays: keptDays(1).default(365),
    /** exports/: every run's scores as Parquet. */
    exportsDays: keptDays(1).default(365),
    /** audiences/: lookalike and audience exports. */
    audiencesDays: keptDays(1).default(365),
    /** quarantine/ (rejected rows) and rejected/ (reports on unusable files). */
    quarantineDays: keptDays(1).default(90),
  })
  .strict();

export type RetentionConfig = z.infer<typeof RetentionSectionSchema>;

export const DEFAULT_RETENTION: RetentionConfig = RetentionSectionSchema.parse({});
