import { describe, expect, it } from 'vitest';
import type { PublishEvent, ShardScores, ShardSummary } from '../../../functions/run/run-contract.js';
import { MAX_SHARDS } from '../../../functions/run/prepare-run.js';
import { runFiles } from '../../../functions/run/run-files.js';
import { PublishEventSchema } from '../../../functions/run/run-schemas.js';
import { newRunContext } from '../../../functions/run/start-run.js';
import { shardRanges } from '../../../models/partitioning/index.js';

/** Step Functions' limit on a state's input or output, and so on the Map results Publish receives. */
const STATE_LIMIT_BYTES = 256 * 1024;

describe('the run state at the largest run', () => {
  it(`stays below 256 KiB with ${MAX_SHARDS} shards, whatever the number of segments`, () => {
    const runId = `2026-12-01T02-00-00-000Z-${'f'.repeat(36)}`;
    const files = runFiles(runId);
    const big = (n: number) => 9_999_999_999 + n;
    const run = {
      ...newRunContext(runId, { trigger: 'schedule', asOf: '2026-11-30' }, 365, '2026-12-01T02:00:00.000Z'),
      asOf: '2026-11-30',
      modelVersion: `2026-11-30-${'a'.repeat(16)}-h365-s42`,
      populationKey: files.population,
      shards: shardRanges(MAX_SHARDS).map((range, index) => ({ index, ...range, ordersKey: files.shardOrders(index), customersKey: files.shardCustomers(index), customers: big(index) })),
      data: { orders: big(0), customers: big(1), prospects: big(2), duplicateUploads: 999, overlappingOrderRows: { sameOrderId: big(3), sameCustomerTimeAmount: big(4) } },
      promotion: { challenger: `2026-11-30-${'b'.repeat(16)}-h365-s42`, promoted: true, reason: 'x'.repeat(2_000) },
    };
    const shardScores: ShardScores[] = run.shards.map((shard) => ({ index: shard.index, customers: big(0), scoresKey: files.scores(shard.index), seconds: 899.99 }));
    const shardResults: ShardSummary[] = run.shards.map((shard) => ({
      index: shard.index,
      customers: big(0),
      itemsWritten: big(1),
      scoreItemsWritten: big(2),
      membershipsEntered: big(3),
      membershipsExited: big(4),
      customersRemoved: big(5),
      bucketsFromLedger: 4096,
      seconds: 899.99,
    }));
    // Publish's input is the largest state: the run, the score map's results (kept) and the write map's.
    const publish: PublishEvent & { shardScores: ShardScores[] } = { run, shardScores, shardResults };

    expect(PublishEventSchema.safeParse(publish).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(publish))).toBeLessThan(STATE_LIMIT_BYTES);
  });
});
