/**
 * What `npm run bench:run` measures of the nightly rescore for the cost model (infra/aws/cost):
 * the run report's counts, the stages' seconds, the sizes of the items the table holds, and the
 * events the run's membership changes make, one per change and batched.
 */
import { readFile } from 'node:fs/promises';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ChangeEventBuilder, eventEntryBytes, type MembershipChange } from '../../functions/adapters/segment-change-events.js';
import { DEFAULT_MAX_RUNS_WITHOUT_TABLE_READ } from '../../functions/adapters/customer-items/table-ledger.js';
import type { RunReport } from '../../functions/run/publish-run.js';
import type { RunTaskState } from '../../functions/run/run-contract.js';
import { dynamoItemBytes, s3RequestsOf, writeUnitsOf, type LambdaStageMeasure, type NightlyRunMeasure } from '../../infra/aws/cost/index.js';
import { startEmbeddedAws } from '../../infra/local/runtime/index.js';

/** A stage's wall seconds, as the bench recorded them from the run's progress lines. */
export interface StageSeconds {
  stage: string;
  seconds: number;
}

/** The stored items' sizes, from a sample of the table. */
export interface StoredItemSizes {
  scoreItems: number;
  memberships: number;
  meanScoreItemBytes: number;
  meanMembershipBytes: number;
  /** Mean write units of one put of each (writeUnitsOf each item's size). */
  writeUnitsPerScoreItem: number;
  writeUnitsPerMembership: number;
  membershipsPerCustomer: number;
}

export class BenchMeasureError extends Error {
  override readonly name = 'BenchMeasureError';
}

/**
 * Sizes of the score and membership items of the table in the state folder, from its first
 * `sample` items (whole bucket partitions come together in a Scan, so the ratio of memberships to
 * customers is that of the table). Opens the embedded servers: call it when no session holds them.
 */
export async function measureStoredItems(stateDir: string, sample = 20_000): Promise<StoredItemSizes> {
  const aws = await startEmbeddedAws({ stateDir });
  try {
    const documents = DynamoDBDocumentClient.from(aws.dynamo);
    const score: number[] = [];
    const membership: number[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(new ScanCommand({ TableName: aws.table, ExclusiveStartKey: start, Limit: 1000 }));
      for (const item of page.Items ?? []) {
        if (String(item.sk).endsWith('#SCORE')) score.push(dynamoItemBytes(item));
        else if (item.gsi1pk !== undefined) membership.push(dynamoItemBytes(item));
      }
      start = page.LastEvaluatedKey;
    } while (start && score.length + membership.length < sample);
    return storedItemSizes(score, membership);
  } finally {
    await aws.stop();
  }
}

export function storedItemSizes(scoreBytes: readonly number[], membershipBytes: readonly number[]): StoredItemSizes {
  if (scoreBytes.length === 0) throw new BenchMeasureError('The table holds no score item to measure.');
  const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    scoreItems: scoreBytes.length,
    memberships: membershipBytes.length,
    meanScoreItemBytes: mean(scoreBytes),
    meanMembershipBytes: mean(membershipBytes),
    writeUnitsPerScoreItem: mean(scoreBytes.map(writeUnitsOf)),
    writeUnitsPerMembership: membershipBytes.length === 0 ? 1 : mean(membershipBytes.map(writeUnitsOf)),
    membershipsPerCustomer: membershipBytes.length / scoreBytes.length,
  };
}

/** The events a run's JSON Lines file of one-change events makes, one per change and batched by ChangeEventBuilder. */
export async function measureEvents(eventsFile: string, maxCustomersPerEvent: number): Promise<{ perChange: number; batched: number; largestBatchedBytes: number }> {
  const changes: MembershipChange[] = (await readFile(eventsFile, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { detail } = JSON.parse(line) as { detail: MembershipChange };
      return { customerId: detail.customerId, segmentId: detail.segmentId, change: detail.change };
    });
  const builder = new ChangeEventBuilder({ runId: 'bench', asOf: '2025-01-01', previousRunId: null, events: { batched: true, maxCustomersPerEvent } });
  const events = [...builder.add(changes), ...builder.finish()];
  const largestBatchedBytes = Math.max(0, ...events.map((event) => eventEntryBytes(event.detailType, JSON.stringify(event.detail))));
  return { perChange: changes.length, batched: events.length, largestBatchedBytes };
}

/**
 * The cost model's measure of a run from its report and the bench's stage seconds. A map stage is
 * billed for the sum of its shards' invocations: WriteShard's is in the report (`shardSeconds`);
 * ScoreShard's is taken as the stage's wall time on `cores` shards at once (an upper bound).
 * `memoryMiB` is every stage's, or each stage's as the deployment sizes it (`ResolvedSettings.memoryOf`).
 */
export function nightlyRunMeasure(
  report: RunReport,
  stages: readonly StageSeconds[],
  items: StoredItemSizes,
  lambda: { memoryMiB: number | ((stage: RunTaskState) => number); architecture: 'x86_64' | 'arm64'; cores: number },
): NightlyRunMeasure {
  const { memoryMiB } = lambda;
  const memoryOf = typeof memoryMiB === 'number' ? () => memoryMiB : memoryMiB;
  const secondsOf = (stage: string) => stages.filter((s) => s.stage === stage).reduce((sum, s) => sum + s.seconds, 0);
  const missing = ['prepare', 'score', 'segment', 'write', 'publish'].filter((stage) => !stages.some((s) => s.stage === stage));
  if (missing.length > 0) throw new BenchMeasureError(`No time was recorded for the stage(s) ${missing.join(', ')} of run ${report.runId}.`);
  const shards = report.shards;
  const stage = (name: RunTaskState, perShard: boolean, invocations: number, seconds: number): LambdaStageMeasure => ({ stage: name, perShard, invocations, seconds, memoryMiB: memoryOf(name) });
  const lambdaStages: LambdaStageMeasure[] = [
    stage('Prepare', false, 1, secondsOf('prepare')),
    ...(report.model.trainedThisRun ? [stage('Train', false, 1, secondsOf('train'))] : []),
    stage('ScoreShard', true, shards, secondsOf('score') * Math.min(lambda.cores, shards)),
    stage('Segment', false, 1, secondsOf('segment')),
    stage('WriteShard', true, shards, report.shardSeconds.total),
    stage('Publish', false, 1, secondsOf('publish')),
  ];
  const changesByGroup = Object.values(report.membershipChanges.bySegment).flatMap((c) => [c.entered, c.exited]).filter((n) => n > 0);
  return {
    customers: report.customers,
    shards,
    trained: report.model.trainedThisRun,
    table: {
      scoreItemsWritten: report.writes.scoreItems,
      customersRemoved: report.writes.customersRemoved,
      membershipsPut: report.writes.membershipsEntered,
      membershipsDeleted: report.writes.membershipsExited,
      writeUnitsPerScoreItem: items.writeUnitsPerScoreItem,
      writeUnitsPerMembership: items.writeUnitsPerMembership,
      storedBytesPerCustomer: items.meanScoreItemBytes + items.membershipsPerCustomer * items.meanMembershipBytes,
      fullReadEvery: DEFAULT_MAX_RUNS_WITHOUT_TABLE_READ + 1,
    },
    events: { changesByGroup, mode: { batched: false } },
    lambda: { architecture: lambda.architecture, stages: lambdaStages },
    s3: s3RequestsOf(shards),
  };
}
