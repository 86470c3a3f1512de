import path from 'node:path';
import { Duration, type RemovalPolicy, Size } from 'aws-cdk-lib';
import { Policy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type ILayerVersion, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ESBUILD_TARGET, PIPELINE_ARCHITECTURE, PIPELINE_RUNTIME } from './lambda-platform.js';
import { PROJECT_ROOT, projectPath, type ThreadEntry } from './project-paths.js';
import { LAYER_PROVIDED_MODULES } from './runtime-layer-packages.js';
import { memoryEnvironment } from '../../functions/shared/function-memory.js';

/**
 * esbuild's ESM output turns `require()` calls left in bundled CommonJS dependencies
 * into a shim that throws unless a `require` is in scope; this puts one there.
 */
const CREATE_REQUIRE_BANNER =
  "import { createRequire as __pipelineCreateRequire } from 'node:module'; const require = __pipelineCreateRequire(import.meta.url);";

/** esbuild runs again after the handler's bundle for each worker thread, into the same asset folder. */
export function threadBundles(threads: readonly ThreadEntry[]): ICommandHooks {
  const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    // inputDir is the project root as the bundler sees it (another path in a Docker build); the
    // commands run in the output folder, so esbuild is named by its path, not looked up.
    afterBundling: (inputDir: string, outputDir: string) =>
      threads.map(
        ({ entry, bundledAs }) =>
          `${quote(path.join(inputDir, 'node_modules', '.bin', 'esbuild'))} ${quote(path.join(inputDir, path.relative(PROJECT_ROOT, entry)))} --bundle --platform=node --format=esm --target=${ESBUILD_TARGET} --minify --sourcemap --outfile=${quote(`${outputDir}/${bundledAs}`)}`,
      ),
  };
}

export interface PipelineFunctionProps {
  readonly entry: string;
  readonly description: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly runtimeDependencies: ILayerVersion;
  readonly failedInvocations: IQueue;
  /** Caps concurrent instances, e.g. to bound the write rate on the table; unreserved when absent. */
  readonly reservedConcurrentExecutions?: number;
  readonly memorySizeMiB: number;
  readonly logRetention: RetentionDays;
  /** Of the function's log group. */
  readonly removalPolicy: RemovalPolicy;
  /** Worker threads the handler starts, bundled beside it. */
  readonly threads?: readonly ThreadEntry[];
}

/**
 * A Node.js function with the settings every pipeline stage shares: enough memory,
 * time and /tmp for DuckDB to spill, its own role and log group, and failed
 * asynchronous invocations sent to the failed-invocations queue after two retries.
 */
export class PipelineFunction extends Construct {
  readonly handler: NodejsFunction;
  readonly role: Role;
  /**
   * Receives the function's grants on the pipeline's data. Kept apart from the role's
   * default policy, which holds only what CDK adds for logging, tracing and the DLQ.
   */
  readonly dataAccess: Policy;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    // An own role instead of the default one, whose AWS managed policy would let it write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${id} function`,
    });
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.logGroup.grantWrite(this.role);
    this.dataAccess = new Policy(this, 'DataAccess', { roles: [this.role] });

    this.handler = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: PIPELINE_RUNTIME,
      architecture: PIPELINE_ARCHITECTURE,
      memorySize: props.memorySizeMiB,
      timeout: Duration.minutes(15),
      ephemeralStorageSize: Size.gibibytes(4),
      tracing: Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role: this.role,
      logGroup: this.logGroup,
      layers: [props.runtimeDependencies],
      environment: { ...props.environment, ...memoryEnvironment(props.memorySizeMiB), NODE_OPTIONS: '--enable-source-maps' },
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(props.failedInvocations),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: projectPath('package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        banner: CREATE_REQUIRE_BANNER,
        // Everything else is bundled, the AWS SDK included, so functions run the SDK versions the tests ran.
        externalModules: [...LAYER_PROVIDED_MODULES],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        tsconfig: projectPath('tsconfig.json'),
        ...(props.threads?.length ? { commandHooks: threadBundles(props.threads) } : {}),
      },
    });
    // Without this, the first upload after a deployment could run before the data grants exist.
    this.handler.node.addDependency(this.dataAccess);
  }
}
