import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { PredictiveSegmentsStack, STACK_NAME, type PredictiveSegmentsStackProps } from '../../infra/aws/predictive-segments-stack.js';
import type { DataBucket } from '../../infra/aws/data-bucket.js';
import { projectPath } from '../../infra/aws/project-paths.js';

export interface SynthesizedTestStack {
  app: App;
  stack: PredictiveSegmentsStack;
  template: Template;
}

/** The feature flags of cdk.json, so tests synthesize what `cdk synth` does. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(fs.readFileSync(projectPath('cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** A layer asset of one small file, instead of staging ~80 MB of node_modules for every test file. */
export const placeholderLayerCode = (): Code => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'placeholder-layer-'));
  fs.mkdirSync(path.join(dir, 'nodejs'));
  fs.writeFileSync(path.join(dir, 'nodejs', 'README'), 'placeholder for tests\n');
  return Code.fromAsset(dir);
};

/**
 * Synthesizes the stack without esbuild bundling (empty `aws:cdk:bundling-stacks`) and with a placeholder layer;
 * `context` adds CDK context values such as `alarmEmail`, `props` the stack's properties.
 */
export const synthTestStack = (context: Record<string, unknown> = {}, props: PredictiveSegmentsStackProps = {}): SynthesizedTestStack => {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new PredictiveSegmentsStack(app, STACK_NAME, { ...props, runtimeDependenciesCode: placeholderLayerCode() });
  return { app, stack, template: Template.fromStack(stack) };
};

/** The bucket the construct created (the tests that use it synthesize without a bucket of their own). */
export const ownData = (stack: PredictiveSegmentsStack): DataBucket => {
  if (!stack.pipeline.data) throw new Error('The stack was given a bucket; it has no DataBucket of its own');
  return stack.pipeline.data;
};

/** The logical id CloudFormation knows a construct's resource by. */
export const logicalIdOf = (stack: PredictiveSegmentsStack, construct: { node: { defaultChild?: unknown } }): string => {
  const resource = construct.node.defaultChild as { logicalId: string } | undefined;
  if (!resource) throw new Error('Construct has no default CloudFormation resource');
  return stack.resolve(resource.logicalId) as string;
};
