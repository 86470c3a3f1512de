import { Stack, Validations } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import type { RunTaskState } from '../../functions/run/run-contract.js';
import {
  type BucketAccess,
  FORGET_BUCKET_ACCESS,
  INGEST_BUCKET_ACCESS,
  keyPatternOf,
  RESCORE_BUCKET_ACCESS,
  RUN_STAGE_BUCKET_ACCESS,
} from './bucket-access.js';
import type { PipelineFunction } from './pipeline-function.js';
import type { PredictiveSegments } from './predictive-segments.js';
import { flattenedResource } from './nag-finding-ids.js';
import { acknowledgeScoringRunFindings } from './scoring-run-nag-suppressions.js';

/**
 * Every cdk-nag AwsSolutions and Serverless finding the construct acknowledges, each by its exact
 * finding id and on the narrowest construct that carries it. Anything not listed here fails synth.
 */
export const acknowledgeNagFindings = (pipeline: PredictiveSegments): void => {
  const { ingestUpload, nightlyRescore, forgetPeople } = pipeline.functions;
  const dataBucket = pipeline.bucket;
  const runStages = Object.entries(pipeline.scoringRun.functions) as Array<[RunTaskState, PipelineFunction]>;
  const functionsWithAccess: Array<[PipelineFunction, BucketAccess]> = [
    [ingestUpload, INGEST_BUCKET_ACCESS],
    [nightlyRescore, RESCORE_BUCKET_ACCESS],
    [forgetPeople, FORGET_BUCKET_ACCESS],
    ...runStages.map(([state, stageFunction]): [PipelineFunction, BucketAccess] => [stageFunction, RUN_STAGE_BUCKET_ACCESS[state]]),
  ];

  for (const [pipelineFunction, access] of functionsWithAccess) {
    acknowledgePrefixScopedObjectAccess(pipelineFunction, dataBucket, access);
    acknowledgeXRayWritePolicy(pipelineFunction);
    acknowledgePinnedRuntime(pipelineFunction);
    acknowledgeOnFailureDestinationInsteadOfDlq(pipelineFunction);
  }
  acknowledgeScoringRunFindings(pipeline.scoringRun);

  const dlqReason =
    'This queue is itself the dead-letter queue: the on-failure destination of the functions and the DLQ of the ' +
    'nightly schedule target. A DLQ behind it would only move the same messages once more.';
  Validations.of(pipeline.failedInvocations.queue).acknowledge(
    { id: 'AwsSolutions-SQS3', reason: dlqReason },
    { id: 'Serverless-SQSRedrivePolicy', reason: dlqReason },
  );
  for (const subscription of pipeline.alarms.topic.node.children.filter((child) => child.node.id.includes('@'))) {
    Validations.of(subscription).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        "The only subscription is the operator's alarm email. A notification SNS cannot deliver (an unconfirmed or " +
        'bouncing address) would wait in a queue nobody reads; the alarm itself stays in ALARM in CloudWatch, with ' +
        'the failed action in its history.',
    });
  }

  Validations.of(bucketNotificationsHandlerOf(Stack.of(pipeline.bucket))).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "aws-cdk-lib's BucketNotificationsHandler, which applies the incoming/<kind>/ → ingest and incoming/deletions/ → forget-people notifications during " +
      'deployments only, attaches AWSLambdaBasicExecutionRole to its role even when given one; that policy grants ' +
      'nothing but logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents.',
  });
};

/**
 * The finding id cdk-nag reports for `<bucket ARN>/<pattern>` in an IAM policy: `<Logical.Arn>/clean/*` for the
 * construct's own bucket, the literal ARN for an imported one.
 */
const objectArnFindingId = (scope: PipelineFunction, bucket: IBucket, keyPattern: string): string =>
  `AwsSolutions-IAM5[Resource::${flattenedResource(scope, bucket.arnForObjects(keyPattern))}]`;


const acknowledgePrefixScopedObjectAccess = (
  pipelineFunction: PipelineFunction,
  bucket: IBucket,
  access: BucketAccess,
): void => {
  const prefixes = [...new Set([...access.read, ...access.write])];
  for (const prefix of prefixes) {
    const verbs = [access.read.includes(prefix) && 'read', access.write.includes(prefix) && 'write'].filter(Boolean);
    Validations.of(pipelineFunction.dataAccess).acknowledge({
      id: objectArnFindingId(pipelineFunction, bucket, keyPatternOf(prefix)),
      reason:
        `The function must ${verbs.join(' and ')} objects under ${prefix} of the data bucket, whose keys are only ` +
        'known at run time; the trailing wildcard is confined to that one prefix (see bucket-access.ts).',
    });
  }
};

const acknowledgeXRayWritePolicy = (pipelineFunction: PipelineFunction): void => {
  // On the role, whose default policy holds only what CDK adds for logs, tracing and the DLQ,
  // not on the data-access policy; test/infra checks that "*" is used for X-Ray alone.
  Validations.of(pipelineFunction.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level ' +
      'permissions, so AWS requires Resource "*" for them.',
  });
};

const acknowledgePinnedRuntime = (pipelineFunction: PipelineFunction): void => {
  const reason =
    'The pipeline targets nodejs22.x on purpose, a runtime Lambda supports: the layer with the DuckDB native ' +
    'binding and TensorFlow.js is staged for it and declares only it as compatible. Moving to a newer runtime is ' +
    'a deliberate change of lambda-platform.ts after checking the layer on that runtime.';
  Validations.of(pipelineFunction.handler).acknowledge(
    { id: 'AwsSolutions-L1', reason },
    { id: 'Serverless-LambdaLatestVersion', reason },
  );
};

const acknowledgeOnFailureDestinationInsteadOfDlq = (pipelineFunction: PipelineFunction): void => {
  Validations.of(pipelineFunction.handler).acknowledge({
    id: 'Serverless-LambdaDLQ',
    reason:
      "Failed asynchronous invocations go to the failed-invocations queue through Lambda's on-failure destination, " +
      'which supersedes a DLQ (it also records the error and request context); configuring both would deliver every ' +
      'failure twice. Step Functions invokes the scoring-run stages synchronously and handles their failures itself.',
  });
};

const bucketNotificationsHandlerOf = (stack: Stack): IConstruct => {
  const handlers = stack.node.children.filter((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  if (handlers.length !== 1 || handlers[0] === undefined) {
    throw new Error(`Expected one BucketNotificationsHandler in ${stack.stackName}, found ${handlers.length}.`);
  }
  return handlers[0];
};
