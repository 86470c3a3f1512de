import { describe, expect, it } from 'vitest';
import { logicalIdOf, ownData, synthTestStack } from './synth-test-stack.js';

describe('pipeline functions', () => {
  const { stack, template } = synthTestStack();
  const resources = template.toJSON().Resources;
  const functions = {
    ingestUpload: stack.pipeline.functions.ingestUpload,
    nightlyRescore: stack.pipeline.functions.nightlyRescore,
    forgetPeople: stack.pipeline.functions.forgetPeople,
  };
  const queueId = logicalIdOf(stack, stack.pipeline.failedInvocations.queue);

  describe.each(Object.entries(functions))('%s', (_name, pipelineFunction) => {
    const functionId = logicalIdOf(stack, pipelineFunction.handler);
    const properties = resources[functionId].Properties;

    it('runs Node.js 22 on arm64 (Graviton, 20% less per GB-second) with the memory, time and /tmp DuckDB needs', () => {
      expect(properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 3008,
        Timeout: 900,
        EphemeralStorage: { Size: 4096 },
        TracingConfig: { Mode: 'Active' },
      });
    });

    it('reads its bucket, table and horizon from the shared environment variables', () => {
      const expectedVariables = {
        DATA_BUCKET: { Ref: logicalIdOf(stack, ownData(stack).bucket) },
        SEGMENTS_TABLE: { Ref: logicalIdOf(stack, stack.pipeline.segments.table) },
        HORIZON_DAYS: '90',
        POWERTOOLS_SERVICE_NAME: 'predictive-segments',
        POWERTOOLS_METRICS_NAMESPACE: 'PredictiveSegments',
      };

      expect(properties.Environment.Variables).toMatchObject(expectedVariables);
    });

    it('loads DuckDB and TensorFlow.js from the runtime-dependencies layer', () => {
      const layers = template.findResources('AWS::Lambda::LayerVersion');
      const [layerId] = Object.keys(layers);

      expect(Object.keys(layers)).toHaveLength(1);
      expect(properties.Layers).toEqual([{ Ref: layerId }]);
    });

    it('logs to its own log group with a retention period', () => {
      const logGroupId = logicalIdOf(stack, pipelineFunction.logGroup);

      expect(properties.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
      expect(resources[logGroupId].Properties.RetentionInDays).toBeGreaterThan(0);
    });

    it('retries failed asynchronous invocations twice, then sends them to the failed-invocations queue', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
    });
  });

  it('builds the layer for the functions runtime and architecture', () => {
    template.hasResourceProperties('AWS::Lambda::LayerVersion', {
      CompatibleRuntimes: ['nodejs22.x'],
      CompatibleArchitectures: ['arm64'],
    });
  });

  it('invokes the ingest function for every extract created under incoming/<kind>/, and the deletion function for lists under incoming/deletions/', () => {
    const ingestId = logicalIdOf(stack, stack.pipeline.functions.ingestUpload.handler);
    const forgetId = logicalIdOf(stack, stack.pipeline.functions.forgetPeople.handler);
    const created = (prefix: string, functionId: string) => ({
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: prefix }] } },
      LambdaFunctionArn: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });

    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalIdOf(stack, ownData(stack).bucket) },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          created('incoming/orders/', ingestId),
          created('incoming/customers/', ingestId),
          created('incoming/prospects/', ingestId),
          created('incoming/deletions/', forgetId),
        ],
      },
    });
    const forgetVariables = resources[forgetId].Properties.Environment.Variables;
    expect(Object.keys(forgetVariables)).toEqual(expect.arrayContaining(['SCORING_RUN_STATE_MACHINE', 'SEGMENT_EVENT_BUS']));
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [ingestId, 'Arn'] },
      Principal: 's3.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [logicalIdOf(stack, ownData(stack).bucket), 'Arn'] },
    });
  });

  it.each(Object.entries(functions))('creates %s only after its data-access policy', (_name, pipelineFunction) => {
    const dataAccessPolicyId = logicalIdOf(stack, pipelineFunction.dataAccess);

    const dependsOn = resources[logicalIdOf(stack, pipelineFunction.handler)].DependsOn;

    expect(dependsOn).toContain(dataAccessPolicyId);
  });
});

describe("DuckDB's share of each function's memory", () => {
  it('reaches every pipeline function as SEGMENTS_DUCKDB_MEMORY_LIMIT, 40% of its memory, also when the memory is set', () => {
    const { template } = synthTestStack({}, { lambdaMemory: { functions: { Train: 10240 } } });
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: { MemorySize: number; Environment?: { Variables?: Record<string, unknown> } } }[];
    // The audience API (512 MiB) reads no DuckDB; every function of the pipeline does or may.
    const pipelineFunctions = functions.filter((f) => f.Properties.Environment?.Variables?.DATA_BUCKET && f.Properties.MemorySize !== 512);

    expect(pipelineFunctions.length).toBeGreaterThan(8);
    for (const f of pipelineFunctions) {
      expect(f.Properties.Environment?.Variables?.SEGMENTS_DUCKDB_MEMORY_LIMIT).toBe(`${Math.floor(f.Properties.MemorySize * 0.4)}MiB`);
    }
    expect(pipelineFunctions.map((f) => f.Properties.MemorySize)).toContain(10240);
  });
});

describe('the prediction horizon as a stack property', () => {
  it('reaches every function of the stack as HORIZON_DAYS', () => {
    const { template } = synthTestStack({}, { horizonDays: 180 });
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }[];
    const pipelineFunctions = functions.filter((f) => f.Properties.Environment?.Variables?.DATA_BUCKET);

    expect(pipelineFunctions.length).toBeGreaterThan(8);
    expect(pipelineFunctions.map((f) => f.Properties.Environment?.Variables?.HORIZON_DAYS)).toEqual(pipelineFunctions.map(() => '180'));
  });

  it('refuses a horizon that is not a whole number of days from 1 to 730', () => {
    expect(() => synthTestStack({}, { horizonDays: 0 })).toThrow(/horizonDays/);
    expect(() => synthTestStack({}, { horizonDays: 1000 })).toThrow(/horizonDays/);
  });
});
