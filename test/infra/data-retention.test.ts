import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { PredictiveSegments } from '../../infra/aws/predictive-segments.js';
import { cdkJsonContext, logicalIdOf, ownData, placeholderLayerCode, synthTestStack } from './synth-test-stack.js';

type Rule = { Id: string; Prefix?: string; ExpirationInDays?: number; Status: string };

describe('retention: the configuration retention section as lifecycle rules of the data bucket', () => {
  const rulesOf = (retention: Parameters<typeof synthTestStack>[1] = {}): Rule[] => {
    const { stack, template } = synthTestStack({}, retention);
    return template.toJSON().Resources[logicalIdOf(stack, ownData(stack).bucket)].Properties.LifecycleConfiguration.Rules as Rule[];
  };
  const expiryByPrefix = (rules: Rule[]) => Object.fromEntries(rules.filter((rule) => rule.Prefix).map((rule) => [rule.Prefix, rule.ExpirationInDays]));

  it('expires each derived prefix after its default days, and never uploads, clean data, models, table ledgers or config', () => {
    const rules = rulesOf();

    expect(expiryByPrefix(rules)).toEqual({
      'runs/': 30,
      'reports/': 365,
      'exports/': 365,
      'audiences/': 365,
      'quarantine/': 90,
      'rejected/': 90,
    });
    expect(rules.every((rule) => rule.Status === 'Enabled')).toBe(true);
  });

  it('takes other days, and keeps for good what is null', () => {
    const rules = rulesOf({ retention: { runFilesDays: 14, exportsDays: null } });

    expect(expiryByPrefix(rules)).toMatchObject({ 'runs/': 14, 'reports/': 365 });
    expect(expiryByPrefix(rules)['exports/']).toBeUndefined();
  });

  it('cannot add rules to an imported bucket, and says so at synth', () => {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Imported');
    new PredictiveSegments(stack, 'Segments', {
      bucket: Bucket.fromBucketName(stack, 'Lake', 'acme-data-lake'),
      runtimeDependenciesCode: placeholderLayerCode(),
    });

    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('no retention lifecycle rule was added'));

    expect(warnings).toHaveLength(1);
  });
});
