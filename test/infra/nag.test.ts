import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
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

describe('cdk-nag AwsSolutions checks', () => {
  it('report no unacknowledged error or warning for the stack', () => {
    const { app } = synthTestStack();

    const report = new AwsSolutionsChecks(app).validateScope(app);

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

  it('are acknowledged only per specific finding and with a real reason', () => {
    const { stack } = synthTestStack();

    const acknowledgements = acknowledgementsUnder(stack);

    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledgements) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      if (id.startsWith('AwsSolutions-IAM')) expect(id).toMatch(/\[.+\]$/);
      expect(reason.length).toBeGreaterThan(60);
    }
  });

  it('never acknowledge a wildcard finding at stack level', () => {
    const { stack } = synthTestStack();

    const stackLevel = acknowledgementsUnder(stack).filter(({ path }) => path === stack.node.path);

    expect(stackLevel).toEqual([]);
  });
});
