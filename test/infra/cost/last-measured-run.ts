import type { RunTaskState } from '../../../functions/run/run-contract.js';
import { s3RequestsOf, type NightlyRunMeasure } from '../../../infra/aws/cost/index.js';

/**
 * The nightly rescore `npm run bench:run` last measured (README, "The end-to-end run": 200,000
 * customers, 4 shards, commit 0d833a7, 2 cores): stage seconds, the run report's writes, the
 * stored items' sizes (score item 576 bytes, membership 165 bytes, 5.05 memberships a customer).
 * WriteShard's seconds (the shards' own, added up) are not in the README's table: 56.4 s is what
 * its $0.138 at 10 M customers, x86 and 3,008 MiB, stands for. The changes per segment are not
 * listed either; two groups (entered, exited) give as many batched events within a few.
 */
export const LAST_MEASURED_STAGE_SECONDS: Readonly<Record<Exclude<RunTaskState, 'Start' | 'Train' | 'Abandon'>, number>> = {
  Prepare: 13.3,
  // The map's wall time (17.2 s) on 2 cores, as nightlyRunMeasure counts it.
  ScoreShard: 17.2 * 2,
  Segment: 2.2,
  WriteShard: 56.4,
  Publish: 13.5,
};

export function lastMeasuredRun(lambda: { architecture: 'x86_64' | 'arm64'; memoryOf: (stage: RunTaskState) => number }): NightlyRunMeasure {
  const shards = 4;
  const stages = Object.entries(LAST_MEASURED_STAGE_SECONDS).map(([stage, seconds]) => {
    const perShard = stage === 'ScoreShard' || stage === 'WriteShard';
    return { stage, perShard, invocations: perShard ? shards : 1, seconds, memoryMiB: lambda.memoryOf(stage as RunTaskState) };
  });
  return {
    customers: 200_000,
    shards,
    trained: false,
    table: {
      scoreItemsWritten: 8_343,
      customersRemoved: 0,
      membershipsPut: 3_995,
      membershipsDeleted: 3_966,
      writeUnitsPerScoreItem: 1,
      writeUnitsPerMembership: 1,
      storedBytesPerCustomer: 576 + 5.05 * 165,
      fullReadEvery: 8,
    },
    events: { changesByGroup: [3_995, 3_966], mode: { batched: true, maxCustomersPerEvent: 1_000 } },
    lambda: { architecture: lambda.architecture, stages },
    s3: s3RequestsOf(shards),
  };
}
