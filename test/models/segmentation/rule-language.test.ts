import { describe, expect, it } from 'vitest';
import { assignSegments, computePopulationStats, segmentationSettings, SegmentationInputError, type SegmentationScore } from '../../../models/segmentation/index.js';
import { AS_OF, lastOrderDaysAgo, rowScore } from './score-rows.js';

/** The members of custom:<id> with a one-segment configuration. */
function members(scores: readonly SegmentationScore[], rule: unknown, extra: Record<string, unknown> = {}): string[] {
  const settings = segmentationSettings({ custom: [{ id: 'target', rule }], ...extra });
  const { memberships } = assignSegments(scores, { settings, asOf: AS_OF });
  return scores.filter((s) => memberships.get(s.customerId)?.includes('custom:target')).map((s) => s.customerId);
}

const VALUES = [10, 20, 30, 40, 50];
const byClv = VALUES.map((v) => rowScore(`v${v}`, { predictedClv: v }));

describe('the rule language: comparisons', () => {
  it.each([
    ['eq', 30, ['v30']],
    ['ne', 30, ['v10', 'v20', 'v40', 'v50']],
    ['gt', 30, ['v40', 'v50']],
    ['gte', 30, ['v30', 'v40', 'v50']],
    ['lt', 30, ['v10', 'v20']],
    ['lte', 30, ['v10', 'v20', 'v30']],
  ])('%s %d on a number field', (operator, value, expected) => {
    expect(members(byClv, { predictedClv: { [operator]: value } })).toEqual(expected);
  });

  it('between is inclusive at both ends; in matches any listed value', () => {
    expect(members(byClv, { predictedClv: { between: [20, 40] } })).toEqual(['v20', 'v30', 'v40']);
    expect(members(byClv, { predictedClv: { in: [10, 50, 60] } })).toEqual(['v10', 'v50']);
  });

  it('reads a scalar as eq and a list as in', () => {
    expect(members(byClv, { predictedClv: 20 })).toEqual(['v20']);
    expect(members(byClv, { predictedClv: [20, 40] })).toEqual(['v20', 'v40']);
  });

  it('several operators, and several fields in one object, must all hold', () => {
    expect(members(byClv, { predictedClv: { gt: 10, lt: 50 } })).toEqual(['v20', 'v30', 'v40']);
    const mixed = [rowScore('a', { predictedClv: 50, churnProbability: 0.9 }), rowScore('b', { predictedClv: 50, churnProbability: 0.1 })];
    expect(members(mixed, { predictedClv: { gte: 50 }, churnProbability: { lt: 0.5 } })).toEqual(['b']);
  });

  it('a missing value matches no comparison, not even ne, and only present: false', () => {
    const scores = [rowScore('gap', { averageDaysBetweenOrders: 30 }), rowScore('single', { averageDaysBetweenOrders: null, frequency: 0, recency: 0 })];

    expect(members(scores, { averageDaysBetweenOrders: { ne: 10 } })).toEqual(['gap']);
    expect(members(scores, { averageDaysBetweenOrders: { present: false } })).toEqual(['single']);
    expect(members(scores, { not: { averageDaysBetweenOrders: { gte: 10 } } })).toEqual(['single']);
  });

  it('compares text fields with eq, ne and in, including columns declared under fields', () => {
    const scores = [rowScore('de', {}, { country: 'DE' }), rowScore('fr', {}, { country: 'FR' }), rowScore('none')];
    const fields = { fields: [{ name: 'country', type: 'string' }] };

    expect(members(scores, { country: { eq: 'DE' } }, fields)).toEqual(['de']);
    expect(members(scores, { country: { ne: 'DE' } }, fields)).toEqual(['fr']);
    expect(members(scores, { country: { in: ['DE', 'FR'] } }, fields)).toEqual(['de', 'fr']);
    expect(members(scores, { customerId: { in: ['none'] } })).toEqual(['none']);
  });
});

describe('the rule language: dates relative to the as-of day', () => {
  const scores = [lastOrderDaysAgo('d10', 10), lastOrderDaysAgo('d60', 60), lastOrderDaysAgo('d61', 61), lastOrderDaysAgo('d200', 200)];

  it('before / after / onOrBefore / onOrAfter a day written as asOf - N days', () => {
    expect(members(scores, { lastOrderDate: { before: 'asOf - 60 days' } })).toEqual(['d61', 'd200']);
    expect(members(scores, { lastOrderDate: { onOrBefore: 'asOf - 60 days' } })).toEqual(['d60', 'd61', 'd200']);
    expect(members(scores, { lastOrderDate: { after: 'asOf - 60 days' } })).toEqual(['d10']);
    expect(members(scores, { lastOrderDate: { onOrAfter: 'asOf - 60 days' } })).toEqual(['d10', 'd60']);
  });

  it('takes YYYY-MM-DD, asOf, weeks, and between two days', () => {
    expect(members(scores, { lastOrderDate: { after: '2024-10-31' } })).toEqual(['d10', 'd60']);
    expect(members(scores, { lastOrderDate: { after: '2024-11-01' } })).toEqual(['d10']);
    expect(members(scores, { lastOrderDate: { between: ['asOf - 61 days', 'asOf - 2 weeks'] } })).toEqual(['d60', 'd61']);
    expect(members(scores, { lastOrderDate: { before: 'asOf' } })).toEqual(['d10', 'd60', 'd61', 'd200']);
  });

  it('daysSince(date) and daysUntil(date) are numbers of days', () => {
    expect(members(scores, { 'daysSince(lastOrderDate)': { gt: 60 } })).toEqual(['d61', 'd200']);
    const next = [rowScore('soon', { expectedNextOrderDate: '2025-01-05' }), rowScore('later', { expectedNextOrderDate: '2025-03-01' }), rowScore('never', { expectedNextOrderDate: null })];
    expect(members(next, { 'daysUntil(expectedNextOrderDate)': { lte: 7 } })).toEqual(['soon']);
  });

  it('takes the as-of day from the score rows when none is given (first order date + T)', () => {
    const settings = segmentationSettings({ custom: [{ id: 'target', rule: { lastOrderDate: { before: 'asOf - 60 days' } } }] });
    const { memberships } = assignSegments(scores, { settings });

    expect(scores.filter((s) => memberships.get(s.customerId)?.includes('custom:target')).map((s) => s.customerId)).toEqual(['d61', 'd200']);
  });

  it('refuses a rule relative to the as-of day when neither the options nor the rows give it', () => {
    const bare = scores.map(({ row: _row, ...score }) => score);
    const settings = segmentationSettings({ custom: [{ id: 'target', rule: { lastOrderDate: { before: 'asOf - 60 days' } } }] });

    expect(() => assignSegments(bare, { settings })).toThrow(SegmentationInputError);
  });
});

describe('the rule language: all, any, not and segment references', () => {
  it('combines with all, any and not, nested', () => {
    const rule = { any: [{ predictedClv: { gte: 50 } }, { all: [{ predictedClv: { gte: 20 } }, { not: { predictedClv: { gte: 40 } } }] }] };

    expect(members(byClv, rule)).toEqual(['v20', 'v30', 'v50']);
  });

  it('reads built-in segments and other user-defined segments, whatever their order in the file', () => {
    const scores = [lastOrderDaysAgo('old', 500), lastOrderDaysAgo('recent', 5)];
    const settings = segmentationSettings({
      custom: [
        { id: 'lapsed-and-valuable', rule: { all: [{ segment: 'lapsed-any' }, { historicClv: { gte: 100 } }] } },
        { id: 'lapsed-any', rule: { segment: ['lifecycle:lapsed', 'rfm:lost'] } },
      ],
    });

    const { memberships } = assignSegments(scores, { settings, asOf: AS_OF });

    expect(memberships.get('old')).toEqual(expect.arrayContaining(['lifecycle:lapsed', 'custom:lapsed-and-valuable', 'custom:lapsed-any']));
    expect(memberships.get('recent')?.some((id) => id.startsWith('custom:'))).toBe(false);
  });
});

describe('the rule language: percentiles within the population', () => {
  const population = Array.from({ length: 100 }, (_, i) => rowScore(`c${String(i).padStart(3, '0')}`, { predictedClv: i + 1 }));

  it('predictedClv >= p90 holds the top tenth (nearest rank: p90 is the 90th smallest value)', () => {
    expect(members(population, { predictedClv: { gte: 'p90' } })).toEqual(population.slice(89).map((s) => s.customerId));
    expect(members(population, { predictedClv: { between: ['p10', 'p20'] } })).toHaveLength(11);
  });

  it('gives each shard the members the whole population gets, from the stored statistics', () => {
    const settings = segmentationSettings({
      custom: [
        { id: 'top', rule: { predictedClv: { gte: 'p95' } } },
        { id: 'stale', rule: { 'daysSince(lastOrderDate)': { gte: 'p50' } } },
      ],
    });
    const scores = population.map((s, i) => lastOrderDaysAgo(s.customerId, i * 3, { predictedClv: s.predictedClv }));
    const whole = assignSegments(scores, { settings, asOf: AS_OF });
    const stored = JSON.parse(JSON.stringify(computePopulationStats(scores, { settings, asOf: AS_OF })));

    // p50 and p80 of totalClv are the predictive grid's value axis.
    expect(stored.percentiles).toEqual({ totalClv: { p50: 500, p80: 500 }, predictedClv: { p95: 95 }, 'daysSince(lastOrderDate)': { p50: 147 } });
    for (let shard = 0; shard < 3; shard++) {
      const part = scores.filter((_, i) => i % 3 === shard);
      const assigned = assignSegments(part, { population: stored });
      for (const s of part) expect(assigned.memberships.get(s.customerId)).toEqual(whole.memberships.get(s.customerId));
    }
  });

  it('refuses population statistics that lack a percentile the settings need', () => {
    const settings = segmentationSettings({ custom: [{ id: 'top', rule: { predictedClv: { gte: 'p99' } } }] });
    const population = computePopulationStats(byClv);

    expect(() => assignSegments(byClv, { settings, population })).toThrow(/carry no p99 of predictedClv/);
  });
});

describe('exclusive groups', () => {
  it('puts each customer in at most one segment of the group: the first in priority order', () => {
    const settings = segmentationSettings({
      custom: [
        { id: 'big', rule: { predictedClv: { gte: 40 } } },
        { id: 'mid', rule: { predictedClv: { gte: 20 } } },
        { id: 'any', rule: { predictedClv: { gte: 0 } } },
        { id: 'outside', rule: { predictedClv: { gte: 0 } } },
      ],
      exclusiveGroups: [{ id: 'campaign', segments: ['big', 'custom:mid', 'any'] }],
    });

    const { memberships, sizes } = assignSegments(byClv, { settings });
    const customOf = (id: string) => memberships.get(id)?.filter((s) => s.startsWith('custom:'));

    expect(customOf('v50')).toEqual(['custom:big', 'custom:outside']);
    expect(customOf('v30')).toEqual(['custom:mid', 'custom:outside']);
    expect(customOf('v10')).toEqual(['custom:any', 'custom:outside']);
    expect([sizes.get('custom:big'), sizes.get('custom:mid'), sizes.get('custom:any'), sizes.get('custom:outside')]).toEqual([2, 2, 1, 5]);
  });

  it('a reference to a grouped segment sees its members after exclusivity', () => {
    const settings = segmentationSettings({
      custom: [
        { id: 'big', rule: { predictedClv: { gte: 40 } } },
        { id: 'mid', rule: { predictedClv: { gte: 20 } } },
        { id: 'mid-copy', rule: { segment: 'mid' } },
      ],
      exclusiveGroups: [{ id: 'campaign', segments: ['big', 'mid'] }],
    });

    const { sizes } = assignSegments(byClv, { settings });

    expect(sizes.get('custom:mid-copy')).toBe(2);
  });
});

describe('comparisons written as text', () => {
  const scores = [lastOrderDaysAgo('d10', 10, { predictedClv: 10 }), lastOrderDaysAgo('d90', 90, { predictedClv: 90 }), lastOrderDaysAgo('d200', 200, { predictedClv: 200 })];

  it.each([
    ['predictedClv >= 90', ['d90', 'd200']],
    ['predictedClv < 90', ['d10']],
    ['predictedClv = 90', ['d90']],
    ['predictedClv != 90', ['d10', 'd200']],
    ['predictedClv between 10 and 90', ['d10', 'd90']],
    ['predictedClv in [10, 200]', ['d10', 'd200']],
    ['predictedClv >= p50', ['d90', 'd200']],
    ['lastOrderDate before asOf - 60 days', ['d90', 'd200']],
    ['lastOrderDate onOrAfter 2024-10-02', ['d10', 'd90']],
    ['daysSince(lastOrderDate) > 60', ['d90', 'd200']],
    ["customerId in ['d10', d200]", ['d10', 'd200']],
  ])('%s', (text, expected) => {
    expect(members(scores, text)).toEqual(expected);
    expect(members(scores, { all: [text] })).toEqual(expected);
  });

  it('type-checks text comparisons like the others, and refuses text that is no comparison', () => {
    const settings = (rule: unknown) => () => segmentationSettings({ custom: [{ id: 'target', rule }] });
    expect(() => assignSegments(scores, { settings: settings('lastOrderDate > 60')() })).toThrow(/lastOrderDate is a date and 60 is a number/);
    expect(() => assignSegments(scores, { settings: settings('predictedClv is big')() })).toThrow(/cannot read 'predictedClv is big' as a comparison/);
  });
});
