import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { PipelineFunction } from '../../infra/aws/pipeline-function.js';
import { resolveSettings } from '../../infra/aws/predictive-segments-props.js';
import { logicalIdOf, synthTestStack } from './synth-test-stack.js';

describe('PredictiveSegments props: memory, log retention and removal policy', () => {
  const { stack, template } = synthTestStack(
    {},
    { lambdaMemory: { default: 1024, functions: { Train: 10240 } }, logRetention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY },
  );
  const resources = template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string; Properties: Record<string, unknown> }>;
  const functions = stack.node.findAll().filter((construct): construct is PipelineFunction => construct instanceof PipelineFunction);

  it('give each function its memory size: the default, or its own', () => {
    const memoryById = Object.fromEntries(functions.map((fn) => [fn.node.id, resources[logicalIdOf(stack, fn.handler)]?.Properties.MemorySize]));

    expect(memoryById).toMatchObject({ Train: 10240, IngestUpload: 1024, NightlyRescore: 1024, Prepare: 1024, ScoreShard: 1024, Publish: 1024 });
  });

  it('size the single-threaded shard stages at one vCPU by default (1,769 MiB; WriteShard 2,048 for room), the others at 3,008, unless a default or a size of their own is given', () => {
    const sizes = (props: Parameters<typeof resolveSettings>[0]) => {
      const { memoryOf } = resolveSettings(props);
      return Object.fromEntries((['Prepare', 'Train', 'ScoreShard', 'Segment', 'WriteShard', 'Publish', 'IngestUpload'] as const).map((id) => [id, memoryOf(id)]));
    };

    expect(sizes({})).toEqual({ Prepare: 3008, Train: 3008, ScoreShard: 1769, Segment: 3008, WriteShard: 2048, Publish: 3008, IngestUpload: 3008 });
    expect(sizes({ lambdaMemory: { default: 4096 } })).toMatchObject({ ScoreShard: 4096, WriteShard: 4096, Prepare: 4096 });
    expect(sizes({ lambdaMemory: { functions: { WriteShard: 3008 } } })).toMatchObject({ ScoreShard: 1769, WriteShard: 3008 });
  });

  it('give every log group of the pipeline the retention, and delete it, the table and the buckets with the stack', () => {
    const logGroups = functions.map((fn) => resources[logicalIdOf(stack, fn.logGroup)]);
    const table = resources[logicalIdOf(stack, stack.pipeline.segments.table)];

    expect(logGroups.map((group) => [group?.Properties.RetentionInDays, group?.DeletionPolicy])).toEqual(functions.map(() => [30, 'Delete']));
    expect(table?.DeletionPolicy).toBe('Delete');
    expect(table?.Properties.DeletionProtectionEnabled).toBe(false);
  });

  it('refuse sizes Lambda does not take and a retention the configuration would refuse', () => {
    expect(() => resolveSettings({ lambdaMemory: { default: 64 } })).toThrow(/lambdaMemory\.default must be a whole number of MiB from 128 to 10240/);
    expect(() => resolveSettings({ lambdaMemory: { functions: { Train: 20000 } } })).toThrow(/lambdaMemory\.functions\.Train/);
    expect(() => resolveSettings({ retention: { runFilesDays: 2 } })).toThrow(/retention\.runFilesDays/);
    expect(() => resolveSettings({ horizonDays: 1000 })).toThrow(/horizonDays must be a whole number of days from 1 to 730/);
  });
});
