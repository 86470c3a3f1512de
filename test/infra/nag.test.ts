import { App, Stack, Validations } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { synthTestStack } from './synth-test-stack.js';

const acknowledgementsUnder = (root: IConstruct): Array<{ path: string; id: string; reason: string }> =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

const PACKS = [
  { pack: 'AwsSolutions', checks: (app: App) => new AwsSolutionsChecks(app) },
  { pack: 'Serverless', checks: (app: App) => new ServerlessChecks(app) },
];

describe('cdk-nag AwsSolutions and Serverless checks', () => {
  // With an alarm email, so the email subscription is checked too.
  const { app, stack } = synthTestStack({}, { alarmEmail: 'ops@example.com' });

  it.each(PACKS)('$pack reports no unacknowledged error or warning for the stack', ({ checks }) => {
    const report = checks(app).validateScope(app);

    const findings = report.violations.map((violation) => ({
      rule: violation.ruleName,
      severity: violation.severity,
      at: violation.violatingResources.map((resource) => resource.constructPath),
    }));
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('do flag a resource that breaks the rules, so a clean report means something', () => {
    const app = new App();
    new Bucket(new Stack(app, 'NonCompliant'), 'PlainBucket');

    const report = new AwsSolutionsChecks(app).validateScope(app);

    expect(report.violations.map((violation) => violation.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
  });

  it('do flag a Serverless-pack finding, so that pack runs', () => {
    const otherApp = new App();
    new LambdaFunction(new Stack(otherApp, 'NonCompliant'), 'PlainFunction', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => {};'),
    });

    const report = new ServerlessChecks(otherApp).validateScope(otherApp);

    expect(report.violations.map((violation) => violation.ruleName)).toEqual(expect.arrayContaining(['Serverless-LambdaDLQ']));
  });

  it('are acknowledged only per specific finding and with a real reason', () => {
    const acknowledgements = acknowledgementsUnder(stack);

    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledgements) {
      expect(id).toMatch(/^(AwsSolutions-[A-Z]+\d+|Serverless-[A-Za-z]+)/);
      if (id.startsWith('AwsSolutions-IAM')) expect(id).toMatch(/\[.+\]$/);
      expect(reason.length).toBeGreaterThan(60);
    }
  });

  it('never acknowledge a wildcard finding at stack level', () => {
    const stackLevel = acknowledgementsUnder(stack).filter(({ path }) => path === stack.node.path);

    expect(stackLevel).toEqual([]);
  });
});
