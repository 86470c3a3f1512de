import { readFileSync } from 'node:fs';
import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AudienceApi, type AudienceApiProps } from '../../infra/aws/audience-api.js';
import { projectPath } from '../../infra/aws/project-paths.js';
import { synthTestStack } from './synth-test-stack.js';

/** The construct in a stack of its own, beside a data bucket, synthesized without bundling. */
function synth(props: Partial<AudienceApiProps> = {}, beside: (stack: Stack, audienceApi: AudienceApi) => void = () => {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'AudienceApiTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const dataBucket = new Bucket(stack, 'Data', { encryption: BucketEncryption.S3_MANAGED, enforceSSL: true });
  const audienceApi = new AudienceApi(stack, 'AudienceApi', { dataBucket, ...props });
  beside(stack, audienceApi);
  return { app, stack, dataBucket, audienceApi, template: Template.fromStack(stack) };
}

const { app, stack, dataBucket, audienceApi, template } = synth();
const bucketArn = { 'Fn::GetAtt': [stack.getLogicalId(dataBucket.node.defaultChild as CfnElement), 'Arn'] };

/** cdk-nag's findings on the construct (the test's own bucket is not the construct's concern). */
const findingsOn = (scope: App, packs: Array<(app: App) => AwsSolutionsChecks | ServerlessChecks>): string[] =>
  packs
    .flatMap((pack) => pack(scope).validateScope(scope).violations)
    .filter((violation) => violation.violatingResources.some((resource) => (resource.constructPath ?? '').includes('/AudienceApi/')))
    .map((violation) => `${violation.ruleName} ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`);

const methods = () => Object.values(template.findResources('AWS::ApiGateway::Method')) as Array<{ Properties: Record<string, unknown> }>;

describe('AudienceApi', () => {
  it('declares the four GET routes of the OpenAPI document, each requiring an API key', () => {
    const resources = Object.values(template.findResources('AWS::ApiGateway::Resource')).map((resource) => (resource as { Properties: { PathPart: string } }).Properties.PathPart);

    const documented = Object.keys((parse(readFileSync(projectPath('functions', 'audiences', 'openapi.yaml'), 'utf8')) as { paths: object }).paths);

    expect(audienceApi.api.methods.map((method) => `${method.httpMethod} ${method.resource.path}`).sort()).toEqual(documented.map((path) => `GET ${path}`).sort());
    expect(resources.sort()).toEqual(['audiences', 'members', 'versions', '{audienceId}', '{versionId}'].sort());
    expect(methods()).toHaveLength(4);
    for (const { Properties } of methods()) {
      expect(Properties).toMatchObject({ HttpMethod: 'GET', ApiKeyRequired: true, AuthorizationType: 'NONE', Integration: { Type: 'AWS_PROXY' } });
      expect(Properties.RequestValidatorId).toBeDefined();
    }
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true });
  });

  it('has an API key on a usage plan with rate, burst and a daily quota', () => {
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 20, BurstLimit: 40 },
      Quota: { Limit: 100_000, Period: 'DAY' },
      ApiStages: [Match.objectLike({ Stage: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', { KeyType: 'API_KEY' });
  });

  it('throttles, traces and access-logs its stage to a log group', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40, LoggingLevel: 'ERROR', DataTraceEnabled: false })],
    });
    template.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' }, Timeout: 25, MemorySize: 512 });
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  it("leaves the account's API Gateway CloudWatch role alone when told to", () => {
    const { template } = synth({ accountCloudWatchRole: false });

    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('lets the function read audiences/ of the bucket and nothing else', () => {
    const policy = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('DataAccess') } }));
    expect(policy).toHaveLength(1);
    const statements = (policy[0] as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement;

    expect(statements).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [bucketArn, '/audiences/*']] } },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringLike: { 's3:prefix': ['audiences/*'] } } },
    ]);
    const allActions = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(allActions).not.toMatch(/s3:PutObject|s3:DeleteObject|dynamodb:/);
  });

  it('outputs the URL and the API key id', () => {
    const outputs = template.findOutputs('*');
    const byId = (fragment: string) => Object.entries(outputs).find(([id]) => id.includes(fragment))?.[1] as { Value: unknown } | undefined;

    expect(byId('Url')?.Value).toBeDefined();
    expect(byId('KeyId')?.Value).toEqual({ Ref: stack.getLogicalId(audienceApi.apiKey?.node.defaultChild as CfnElement) });
  });

  it.each([
    ['AwsSolutions', (scope: App) => new AwsSolutionsChecks(scope)],
    ['Serverless', (scope: App) => new ServerlessChecks(scope)],
  ])('leaves no unacknowledged %s finding', (_, pack) => {
    expect(findingsOn(app, [pack])).toEqual([]);
  });

  it('acknowledges findings one by one, each with a real reason, on its own constructs only', () => {
    const acknowledgements = audienceApi.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
    );
    const ids = acknowledgements.map(({ id }) => id.replace(/^annotation::/i, ''));

    expect(ids).toEqual(expect.arrayContaining(['AwsSolutions-APIG3', 'AwsSolutions-APIG4', 'AwsSolutions-COG4', 'AwsSolutions-L1', 'Serverless-LambdaDLQ']));
    expect(ids).toContain(`AwsSolutions-IAM5[Resource::<${stack.getLogicalId(dataBucket.node.defaultChild as CfnElement)}.Arn>/audiences/*]`);
    for (const { path, id, reason } of acknowledgements) {
      expect(path).not.toBe(stack.node.path);
      if (id.includes('IAM')) expect(id).toMatch(/\[.+\]$/);
      expect(reason.length).toBeGreaterThan(60);
    }
    // The same packs do flag what is not acknowledged: the test's bucket has no access logs.
    expect(new AwsSolutionsChecks(app).validateScope(app).violations.map((violation) => violation.ruleName)).toContain('AwsSolutions-S1');
  });

  it('offers IAM (SigV4) instead of keys: no key or plan, IAM on every method, still nag-clean', () => {
    let caller: Role | undefined;
    const iam = synth({ authorization: 'iam' }, (scope, audienceApi) => {
      caller = new Role(scope, 'Caller', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      audienceApi.grantInvoke(caller);
    });
    const template = iam.template;

    template.resourceCountIs('AWS::ApiGateway::ApiKey', 0);
    template.resourceCountIs('AWS::ApiGateway::UsagePlan', 0);
    for (const { Properties } of Object.values(template.findResources('AWS::ApiGateway::Method')) as Array<{ Properties: Record<string, unknown> }>) {
      expect(Properties).toMatchObject({ AuthorizationType: 'AWS_IAM', ApiKeyRequired: false });
    }
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'execute-api:Invoke', Resource: Match.anyValue() })] },
      Roles: [{ Ref: iam.stack.getLogicalId(caller?.node.defaultChild as CfnElement) }],
    });
    expect(findingsOn(iam.app, [(scope) => new AwsSolutionsChecks(scope), (scope) => new ServerlessChecks(scope)])).toEqual([]);
  });

  it('is part of the PredictiveSegments stack, its URL and key id among the outputs the deploy guide reads', () => {
    const { template: full } = synthTestStack();

    expect(Object.keys(full.toJSON().Outputs)).toEqual(expect.arrayContaining(['AudienceApiUrl', 'AudienceApiKeyId']));
    full.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'predictive-segments-audience-api' });
    full.hasResourceProperties('AWS::ApiGateway::UsagePlan', { UsagePlanName: 'predictive-segments-audience-api-plan' });
  });
});
