import { Stack, Validations } from 'aws-cdk-lib';
import { Method } from 'aws-cdk-lib/aws-apigateway';
import type { AudienceApi } from './audience-api.js';
import { keyPatternOf } from './bucket-access.js';

/**
 * `<resource>` as cdk-nag writes a resolved ARN in a finding id: `<Logical.Arn>/audiences/*` for a
 * bucket of the stack, the ARN itself (pseudo parameters as `<AWS::Partition>`) for an imported one.
 */
const flattened = (node: unknown): string => {
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  const intrinsic = (node ?? {}) as Record<string, unknown>;
  if (Array.isArray(intrinsic['Fn::Join'])) {
    const [delimiter, items] = intrinsic['Fn::Join'] as [string, unknown[]];
    return items.map(flattened).join(delimiter);
  }
  if (Array.isArray(intrinsic['Fn::GetAtt'])) return `<${(intrinsic['Fn::GetAtt'] as unknown[]).map(flattened).join('.')}>`;
  if (intrinsic.Ref !== undefined) return `<${flattened(intrinsic.Ref)}>`;
  return JSON.stringify(node);
};

/**
 * The cdk-nag findings of the audience pull API, each acknowledged by its exact id on the construct
 * that carries it. Called by the construct itself, so it is clean in any stack it is added to.
 */
export const acknowledgeAudienceApiFindings = (audienceApi: AudienceApi): void => {
  const stack = Stack.of(audienceApi);
  const { api, handler, role, dataAccess } = audienceApi;
  for (const statement of audienceApi.readableObjectArns) {
    Validations.of(dataAccess).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flattened(stack.resolve(statement))}]`,
      reason:
        'The API reads published audience versions, whose keys (audiences/<audience>/versions/<version>/<file>) are only ' +
        `known at request time; the trailing wildcard is confined to ${keyPatternOf('audiences/')} and the grant is GetObject only.`,
    });
  }
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level ' +
      'permissions, so AWS requires Resource "*" for them.',
  });

  const runtimeReason =
    'The API function is built for the same pinned runtime as the pipeline functions (lambda-platform.ts, nodejs22.x, ' +
    'a runtime Lambda supports); moving every function to a newer runtime is one deliberate change there.';
  Validations.of(handler).acknowledge(
    { id: 'AwsSolutions-L1', reason: runtimeReason },
    { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
    {
      id: 'Serverless-LambdaDLQ',
      reason:
        'API Gateway invokes the function synchronously and returns its failure to the caller as a 5xx; there is no ' +
        'asynchronous invocation whose event a dead-letter queue could keep.',
    },
  );

  const cloudWatchRole = api.node.tryFindChild('CloudWatchRole');
  if (cloudWatchRole) {
    Validations.of(cloudWatchRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "API Gateway's account-level role for the stage's execution logs: the AWS managed policy AWS documents for it, " +
        'granting only the CloudWatch Logs actions API Gateway needs to create and write its own log groups.',
    });
  }

  Validations.of(api.deploymentStage).acknowledge({
    id: 'AwsSolutions-APIG3',
    reason:
      'A read-only API for a few server-to-server ad-platform integrations: every method needs an API key (or IAM), the ' +
      'stage and each key are throttled and each key has a daily quota, and API Gateway refuses any path or verb not ' +
      'declared. A WAF web ACL can be associated with the stage where the API is exposed more widely.',
  });

  for (const method of api.methods.filter((candidate): candidate is Method => candidate instanceof Method)) {
    const acknowledgements = [
      {
        id: 'AwsSolutions-COG4',
        reason:
          'The callers are ad-platform integrations (machines), not users who sign in: they authenticate with an API key ' +
          'on the usage plan, or with IAM (SigV4) when the construct is given authorization "iam"; there is no user pool.',
      },
    ];
    if (audienceApi.authorization === 'apiKey') {
      acknowledgements.push({
        id: 'AwsSolutions-APIG4',
        reason:
          'Every method requires an API key (apiKeyRequired) that belongs to the usage plan, whose throttling and daily ' +
          'quota apply per key; the keys are the authentication the pull API offers consumers without AWS credentials.',
      });
    }
    Validations.of(method).acknowledge(...acknowledgements);
  }
};
