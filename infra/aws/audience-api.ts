import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  ApiKey,
  ApiKeySourceType,
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  RequestValidator,
  type Resource,
  RestApi,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import { type IGrantable, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/resource-names.js';
import { PREFIXES } from '../../functions/shared/storage-layout.js';
import { acknowledgeAudienceApiFindings } from './audience-api-nag-suppressions.js';
import { type BucketAccess, grantBucketAccess, keyPatternOf } from './bucket-access.js';
import { ESBUILD_TARGET, PIPELINE_ARCHITECTURE, PIPELINE_RUNTIME } from './lambda-platform.js';
import { PROJECT_ROOT, projectPath } from './project-paths.js';

/** The API only reads published audience versions. */
export const AUDIENCE_API_BUCKET_ACCESS: BucketAccess = { read: [PREFIXES.audiences], write: [] };

export const AUDIENCE_API_STAGE = 'v1';

/** What the URL and key id outputs say, wherever they are declared. */
export const AUDIENCE_API_OUTPUTS = {
  url: 'The audience pull API: GET <this>audiences with the x-api-key header (functions/audiences/openapi.yaml)',
  keyId: 'The API key to send as x-api-key: aws apigateway get-api-key --include-value --api-key <this>',
} as const;

/** How callers authenticate: an API key on the usage plan (x-api-key), or IAM (SigV4-signed requests). */
export type AudienceApiAuthorization = 'apiKey' | 'iam';

export interface AudienceApiThrottling {
  /** Steady requests a second. */
  readonly rateLimit: number;
  /** Requests a second allowed in a burst. */
  readonly burstLimit: number;
}

export interface AudienceApiProps {
  readonly dataBucket: IBucket;
  /** Starts the API's and usage plan's names; default `predictive-segments`. */
  readonly namePrefix?: string;
  /** Environment every function of the pipeline gets (Powertools settings); the bucket is added. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Default `apiKey`. */
  readonly authorization?: AudienceApiAuthorization;
  /** The stage's (and, with API keys, each key's) throttling; default 20 requests a second, bursts of 40. */
  readonly throttling?: AudienceApiThrottling;
  /** Requests a key may make a day (API keys only); default 100,000. */
  readonly dailyQuota?: number;
  /** Of the function's and the access logs; default three months. */
  readonly logRetention?: RetentionDays;
  /** Of the log groups; default RETAIN. */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Whether the stack sets API Gateway's account-level CloudWatch role for the region (an
   * AWS::ApiGateway::Account resource, which execution logs need); default true. Pass false when
   * the account already has one that something else manages: the stage then logs only as that allows.
   */
  readonly accountCloudWatchRole?: boolean;
  /** Whether the construct declares the Url and KeyId outputs itself; default true (false when its parent declares them). */
  readonly outputs?: boolean;
}

export const DEFAULT_AUDIENCE_API_THROTTLING: AudienceApiThrottling = { rateLimit: 20, burstLimit: 40 };
export const DEFAULT_AUDIENCE_API_DAILY_QUOTA = 100_000;

/** esbuild's ESM output needs a `require` in scope for bundled CommonJS dependencies (as in pipeline-function.ts). */
const CREATE_REQUIRE_BANNER =
  "import { createRequire as __pipelineCreateRequire } from 'node:module'; const require = __pipelineCreateRequire(import.meta.url);";

/**
 * The audience pull API: an API Gateway REST API (regional, one stage, throttled, access-logged,
 * traced) in front of one Lambda function (functions/audience-api.ts) that reads `audiences/` of the
 * data bucket and nothing else. Callers use an API key on a usage plan (rate, burst and a daily
 * quota), or IAM with `authorization: 'iam'`. Every method is explicit, so API Gateway itself
 * refuses any other path or verb.
 */
export class AudienceApi extends Construct {
  readonly api: RestApi;
  readonly handler: NodejsFunction;
  readonly role: Role;
  /** The function's grant on the data bucket (audiences/ only), apart from what CDK adds to the role. */
  readonly dataAccess: Policy;
  readonly logGroup: LogGroup;
  readonly accessLogs: LogGroup;
  readonly authorization: AudienceApiAuthorization;
  /** With API keys: the key the stack creates, and the usage plan it is on. */
  readonly apiKey: ApiKey | undefined;
  readonly usagePlan: UsagePlan | undefined;
  /** The object ARN patterns the function may read (`<bucket ARN>/audiences/*`). */
  readonly readableObjectArns: string[];

  constructor(scope: Construct, id: string, props: AudienceApiProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? 'predictive-segments';
    const retention = props.logRetention ?? RetentionDays.THREE_MONTHS;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const throttling = props.throttling ?? DEFAULT_AUDIENCE_API_THROTTLING;
    this.authorization = props.authorization ?? 'apiKey';

    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Execution role of the ${id} function` });
    this.logGroup = new LogGroup(this, 'Logs', { retention, removalPolicy });
    this.logGroup.grantWrite(this.role);
    this.dataAccess = new Policy(this, 'DataAccess', { roles: [this.role] });
    grantBucketAccess(props.dataBucket, this.dataAccess, AUDIENCE_API_BUCKET_ACCESS);
    this.readableObjectArns = AUDIENCE_API_BUCKET_ACCESS.read.map((prefix) => props.dataBucket.arnForObjects(keyPatternOf(prefix)));

    this.handler = new NodejsFunction(this, 'Function', {
      entry: projectPath('functions', 'audience-api.ts'),
      handler: 'handler',
      description: 'Audience pull API: lists audiences and versions, serves manifests and member pages',
      runtime: PIPELINE_RUNTIME,
      architecture: PIPELINE_ARCHITECTURE,
      // A page is at most 10,000 rows read by ranged GETs: memory and time are a small fraction of the stages'.
      memorySize: 512,
      timeout: Duration.seconds(25),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment, [ENV.bucket]: props.dataBucket.bucketName, NODE_OPTIONS: '--enable-source-maps' },
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: projectPath('package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        banner: CREATE_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        tsconfig: projectPath('tsconfig.json'),
      },
    });
    this.handler.node.addDependency(this.dataAccess);

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention, removalPolicy });
    const apiKeys = this.authorization === 'apiKey';
    this.api = new RestApi(this, 'Api', {
      restApiName: `${namePrefix}-audience-api`,
      description: 'Pull API of the lookalike audiences predictive-segments publishes (functions/audiences/openapi.yaml)',
      endpointTypes: [EndpointType.REGIONAL],
      apiKeySourceType: ApiKeySourceType.HEADER,
      ...(props.accountCloudWatchRole === false ? { cloudWatchRole: false } : { cloudWatchRole: true, cloudWatchRoleRemovalPolicy: removalPolicy }),
      deployOptions: {
        stageName: AUDIENCE_API_STAGE,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
      },
      defaultMethodOptions: apiKeys
        ? { apiKeyRequired: true, authorizationType: AuthorizationType.NONE }
        : { apiKeyRequired: false, authorizationType: AuthorizationType.IAM },
    });

    // GET methods have no body, so body validation is moot; it is on so the validator is a complete one (cdk-nag APIG2).
    const validator = new RequestValidator(this, 'Parameters', { restApi: this.api, validateRequestParameters: true, validateRequestBody: true });
    const integration = new LambdaIntegration(this.handler, { proxy: true, timeout: Duration.seconds(29) });
    const get = (resource: Resource, path: string[], query: string[] = []) =>
      resource.addMethod('GET', integration, {
        requestValidator: validator,
        requestParameters: Object.fromEntries([
          ...path.map((name) => [`method.request.path.${name}`, true]),
          ...query.map((name) => [`method.request.querystring.${name}`, false]),
          ['method.request.header.If-None-Match', false],
        ]),
      });
    const audiences = this.api.root.addResource('audiences');
    get(audiences, []);
    const versions = audiences.addResource('{audienceId}').addResource('versions');
    get(versions, ['audienceId']);
    const version = versions.addResource('{versionId}');
    get(version, ['audienceId', 'versionId']);
    get(version.addResource('members'), ['audienceId', 'versionId'], ['destination', 'format', 'pageSize', 'cursor']);

    if (apiKeys) {
      this.apiKey = new ApiKey(this, 'Key', { description: `The first key of the ${namePrefix} audience pull API; add one per consumer to the usage plan.` });
      this.usagePlan = this.api.addUsagePlan('UsagePlan', {
        name: `${namePrefix}-audience-api-plan`,
        description: 'Per-key throttling and daily quota of the audience pull API',
        throttle: { rateLimit: throttling.rateLimit, burstLimit: throttling.burstLimit },
        quota: { limit: props.dailyQuota ?? DEFAULT_AUDIENCE_API_DAILY_QUOTA, period: Period.DAY },
        apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
      });
      this.usagePlan.addApiKey(this.apiKey);
    } else {
      this.apiKey = undefined;
      this.usagePlan = undefined;
    }

    if (props.outputs ?? true) {
      new CfnOutput(this, 'Url', { value: this.api.url, description: AUDIENCE_API_OUTPUTS.url });
      if (this.apiKey) new CfnOutput(this, 'KeyId', { value: this.apiKey.keyId, description: AUDIENCE_API_OUTPUTS.keyId });
    }
    acknowledgeAudienceApiFindings(this);
  }

  /** With IAM authorization: lets `grantee` call every route of the stage (execute-api:Invoke, GET only). */
  grantInvoke(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['execute-api:Invoke'], resources: [this.api.arnForExecuteApi('GET', '/audiences*', AUDIENCE_API_STAGE)] }),
    );
  }
}
