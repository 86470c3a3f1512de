import { describe, expect, it } from 'vitest';
import { ConfigurationError, DEFAULT_SEGMENTS_CONFIG, parseSegmentsConfig } from '../../../models/config/index.js';

/** The one issue a bad file raises: its path and message. */
function issueOf(yaml: string): { path: string; message: string } {
  try {
    parseSegmentsConfig(yaml, 'segments.config.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const { issues, message } = error as ConfigurationError;
    expect(message).toContain('segments.config.yaml');
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }
  throw new Error('the configuration was accepted');
}

const custom = (rule: string, more = '') => `segments:\n  custom:\n    - id: other\n      rule: { predictedClv: { gte: 1 } }\n    - id: vip\n      rule: ${rule}\n${more}`;

describe('the segments section of the configuration file', () => {
  it('defaults to every built-in family and no user-defined segment', () => {
    const { segments } = DEFAULT_SEGMENTS_CONFIG;

    expect([segments.rfm.enabled, segments.valueTiers.enabled, segments.churnBands.enabled, segments.lifecycle.enabled, segments.predictiveGrid.enabled]).toEqual([true, true, true, true, true]);
    expect(segments.churnBands).toEqual({ enabled: true, medium: 0.5, high: 0.8, critical: 0.98 });
    expect(segments.custom).toEqual([]);
  });

  it('reads user-defined segments, exclusive groups and family settings', () => {
    const config = parseSegmentsConfig(
      [
        'segments:',
        '  rfm: { cutPoints: absolute, absolute: { recencyDays: [30, 60, 120, 240], frequency: [2, 3, 5, 8], monetary: [50, 100, 250, 500] } }',
        '  churnBands: { medium: p50, high: p75, critical: p90 }',
        '  custom:',
        '    - id: win-back',
        '      rule: { all: [ { lastOrderDate: { before: asOf - 60 days } }, { historicClv: { gte: p75 } } ] }',
        '    - id: vip',
        '      rule: { predictedClv: { gte: p95 } }',
        '  exclusiveGroups: [ { id: campaign, segments: [vip, win-back] } ]',
      ].join('\n'),
      'segments.config.yaml',
    );

    expect(config.segments.custom.map((s) => s.id)).toEqual(['win-back', 'vip']);
    expect(config.segments.churnBands.critical).toBe('p90');
  });

  it('names an unknown field with its path and the known fields', () => {
    const issue = issueOf(custom('{ all: [ { predictedClvv: { gte: p90 } } ] }'));

    expect(issue.path).toBe('segments.custom.1.rule.all.0.predictedClvv');
    expect(issue.message).toMatch(/^segment custom:vip: unknown field predictedClvv; did you mean predictedClv/);
  });

  it.each([
    ['{ lastOrderDate: { gt: 60 } }', 'segments.custom.1.rule.lastOrderDate.gt', /lastOrderDate is a date and 60 is a number.*daysSince\(lastOrderDate\)/],
    ['{ predictedClv: { gte: asOf - 3 days } }', 'segments.custom.1.rule.predictedClv.gte', /predictedClv is a number and 'asOf - 3 days' is a day/],
    ['{ predictedClv: { before: asOf } }', 'segments.custom.1.rule.predictedClv.before', /before compares dates and predictedClv is a number/],
    ['{ "daysSince(predictedClv)": { gt: 3 } }', 'segments.custom.1.rule.daysSince(predictedClv)', /daysSince\(\) takes a date field and predictedClv is a number field/],
    ['{ customerId: { gt: 3 } }', 'segments.custom.1.rule.customerId.gt', /unknown operator gt for customerId/],
    ['{ monetaryScore: { gte: p80 } }', 'segments.custom.1.rule.monetaryScore.gte', /no population percentiles/],
    ['{ lastOrderDate: { before: 2024-02-30 } }', 'segments.custom.1.rule.lastOrderDate.before', /not a calendar day/],
  ])('names a type mismatch: %s', (rule, path, message) => {
    const issue = issueOf(custom(rule));

    expect(issue.path).toBe(path);
    expect(issue.message).toMatch(message);
  });

  it.each([
    ['{ all: [ { segment: vip } ] }', /circular segment reference: custom:vip -> custom:vip/],
    ['{ segment: other }\n    - id: third\n      rule: { segment: vip }', null],
  ])('refuses a circular reference, naming the cycle: %s', (rule, message) => {
    if (message) expect(issueOf(custom(rule)).message).toMatch(message);
    const cycle = issueOf(
      'segments:\n  custom:\n    - id: a\n      rule: { segment: b }\n    - id: b\n      rule: { any: [ { segment: c }, { predictedClv: 1 } ] }\n    - id: c\n      rule: { not: { segment: a } }\n',
    );
    expect(cycle.path).toBe('segments.custom.0.rule');
    expect(cycle.message).toMatch(/circular segment reference: custom:a -> custom:b -> custom:c -> custom:a/);
  });

  it('counts an exclusive group priority as a dependency when looking for cycles', () => {
    const issue = issueOf(
      'segments:\n  custom:\n    - id: a\n      rule: { segment: b }\n    - id: b\n      rule: { predictedClv: 1 }\n  exclusiveGroups: [ { id: g, segments: [a, b] } ]\n',
    );

    expect(issue.message).toMatch(/circular segment reference: custom:b -> custom:a -> custom:b|custom:a -> custom:b -> custom:a/);
  });

  it.each([
    ['{ segment: rfm:champion }', 'segments.custom.1.rule.segment', /unknown segment rfm:champion \(known: rfm:champions,/],
    ['{}', 'segments.custom.1.rule', /empty rule/],
    ['[ { predictedClv: 1 } ]', 'segments.custom.1.rule', /expected a rule/],
    ['{ all: [] }', 'segments.custom.1.rule.all', /non-empty list/],
    ['{ predictedClv: { between: [5, 1] } }', 'segments.custom.1.rule.predictedClv.between', /5 is above 1/],
    ['{ predictedClv: { in: [p10] } }', 'segments.custom.1.rule.predictedClv.in', /not percentiles/],
    ['{ averageDaysBetweenOrders: { present: 1 } }', 'segments.custom.1.rule.averageDaysBetweenOrders.present', /true or false/],
  ])('names other bad rules: %s', (rule, path, message) => {
    const issue = issueOf(custom(rule));

    expect(issue.path).toBe(path);
    expect(issue.message).toMatch(message);
  });

  it.each([
    ['segments:\n  custom: [ { id: "vip#1", rule: { predictedClv: 1 } } ]', 'segments.custom.0.id', /lower-case slug/],
    ['segments:\n  custom: [ { id: vip, rule: { predictedClv: 1 } }, { id: vip, rule: { predictedClv: 2 } } ]', 'segments.custom.1.id', /defined twice/],
    ['segments:\n  custom: [ { id: vip } ]', 'segments.custom.0.rule', /needs a rule/],
    ['segments:\n  clustering: { maxClusters: 50 }', 'segments.clustering.maxClusters', /cluster count out of bounds: at most 20/],
    ['segments:\n  clustering: { minClusters: 1 }', 'segments.clustering.minClusters', /cluster count out of bounds: at least 2/],
    ['segments:\n  clustering: { minClusters: 9, maxClusters: 4 }', 'segments.clustering.maxClusters', /cluster count out of bounds/],
    ['segments:\n  churnBands: { medium: 0.9 }', 'segments.churnBands.high', /must ascend/],
    ['segments:\n  churnBands: { critical: 2 }', 'segments.churnBands.critical', /in \(0, 1\]/],
    ['segments:\n  churnBands: { high: p200 }', 'segments.churnBands.high', /percentile such as p90/],
    ['segments:\n  predictiveGrid: { value: { medium: p80, high: p50 } }', 'segments.predictiveGrid.value.high', /medium < high/],
    ['segments:\n  rfm: { cutPoints: absolute }', 'segments.rfm.absolute', /needs an absolute section/],
    ['segments:\n  valueTiers: { topPercents: [5, 1] }', 'segments.valueTiers.topPercents', /ascending/],
    ['segments:\n  fields: [ { name: predictedClv, type: number } ]', 'segments.fields.0.name', /already a field/],
    ['segments:\n  custom: [ { id: a, rule: { predictedClv: 1 } } ]\n  exclusiveGroups: [ { id: g, segments: [a, rfm:lost] } ]', 'segments.exclusiveGroups.0.segments.1', /built-in/],
    ['segments:\n  custom: [ { id: a, rule: { predictedClv: 1 } } ]\n  exclusiveGroups: [ { id: g, segments: [a, b] } ]', 'segments.exclusiveGroups.0.segments.1', /unknown segment b/],
    ['segments:\n  lifecycle: { reactivatedDays: 400 }', 'segments.lifecycle.reactivatedDays', /below lapsedDays/],
  ])('names bad settings: %s', (yaml, path, message) => {
    const issue = issueOf(yaml);

    expect(issue.path).toBe(path);
    expect(issue.message).toMatch(message);
  });
});
