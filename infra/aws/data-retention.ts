import { Duration } from 'aws-cdk-lib';
import type { Bucket, LifecycleRule } from 'aws-cdk-lib/aws-s3';
import { DEFAULT_RETENTION, type RetentionConfig } from '../../models/config/retention-section.js';
import { PREFIXES } from '../../functions/shared/storage-layout.js';

/** The configuration's `retention` section; each entry is days after an object is written, `null` for good. */
export type DataRetention = Partial<RetentionConfig>;

/**
 * Which prefixes each retention entry expires. Expiry is S3's (lifecycle rules) rather than a cleanup in
 * Publish: the functions are put-only on the bucket by design (bucket-access.ts), and S3 expires objects
 * for free. Being deployed, a change of the configuration's retention takes effect at the next deploy.
 */
const EXPIRED_PREFIXES: Readonly<Record<keyof RetentionConfig, readonly string[]>> = {
  runFilesDays: [PREFIXES.runs],
  reportsDays: [PREFIXES.reports],
  exportsDays: [PREFIXES.exports],
  audiencesDays: [PREFIXES.audiences],
  quarantineDays: [PREFIXES.quarantine, PREFIXES.rejected],
};

/** One lifecycle rule per expired prefix; the bucket's noncurrent-version rule then removes the expired versions. */
export const retentionLifecycleRules = (retention: DataRetention = {}): LifecycleRule[] => {
  const days = { ...DEFAULT_RETENTION, ...retention };
  return (Object.keys(EXPIRED_PREFIXES) as Array<keyof RetentionConfig>).flatMap((entry) => {
    const kept = days[entry];
    if (kept === null) return [];
    return EXPIRED_PREFIXES[entry].map((prefix) => ({
      id: `expire-${prefix.replace(/\/$/, '')}`,
      prefix,
      expiration: Duration.days(kept),
    }));
  });
};

export const applyRetention = (bucket: Bucket, retention: DataRetention = {}): void => {
  for (const rule of retentionLifecycleRules(retention)) bucket.addLifecycleRule(rule);
};
