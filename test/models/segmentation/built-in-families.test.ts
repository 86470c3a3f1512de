import { afterEach, describe, expect, it } from 'vitest';
import {
  assignSegments,
  checkRequiredSegments,
  lifecycleStageOf,
  PROSPECT_STAGE,
  prospectSegments,
  registerSegmentFamily,
  segmentDefinitions,
  segmentationSettings,
  SegmentationInputError,
  unregisterSegmentFamily,
  DEFAULT_SEGMENTATION_SETTINGS,
} from '../../../models/segmentation/index.js';
import { customerScore } from './customer-score-arbitrary.js';
import { AS_OF } from './score-rows.js';

const ofFamily = (memberships: Map<string, string[]>, customerId: string, prefix: string): string | undefined => memberships.get(customerId)?.find((id) => id.startsWith(prefix));

describe('RFM with absolute cut points', () => {
  const settings = segmentationSettings({ rfm: { cutPoints: 'absolute', absolute: { recencyDays: [30, 60, 120, 240], frequency: [2, 3, 5, 8], monetary: [50, 100, 250, 500] } } });

  it('scores against the cut points, not the population', () => {
    const scores = [
      customerScore('best', { recencyDays: 30, frequency: 8, monetary: 500 }),
      customerScore('gone', { recencyDays: 241, frequency: 1, monetary: 10 }),
      customerScore('new', { recencyDays: 3, frequency: 1, monetary: 20 }),
    ];

    const { memberships } = assignSegments(scores, { settings });

    expect(ofFamily(memberships, 'best', 'rfm:')).toBe('rfm:champions');
    expect(ofFamily(memberships, 'gone', 'rfm:')).toBe('rfm:lost');
    expect(ofFamily(memberships, 'new', 'rfm:')).toBe('rfm:new-customers');
  });

  it('gives the same segment whatever the rest of the population is', () => {
    const alone = assignSegments([customerScore('x', { recencyDays: 45, frequency: 5, monetary: 300 })], { settings }).memberships;
    const crowd = assignSegments(
      [customerScore('x', { recencyDays: 45, frequency: 5, monetary: 300 }), ...Array.from({ length: 20 }, (_, i) => customerScore(`o${i}`, { recencyDays: i, frequency: 30, monetary: 9_000 }))],
      { settings },
    ).memberships;

    expect(ofFamily(alone, 'x', 'rfm:')).toBe(ofFamily(crowd, 'x', 'rfm:'));
  });
});

describe('predicted-value tiers', () => {
  it('takes the cumulative top shares from the settings', () => {
    const settings = segmentationSettings({ valueTiers: { topPercents: [10, 40] } });
    const scores = Array.from({ length: 10 }, (_, i) => customerScore(`c${i}`, { predictedClv: i }));

    const { definitions, sizes } = assignSegments(scores, { settings });

    expect(definitions.filter((d) => d.family === 'clv-tier').map((d) => [d.id, d.name])).toEqual([
      ['clv:top-10', 'Top 10% predicted CLV'],
      ['clv:top-40', 'Top 10–40% predicted CLV'],
      ['clv:bottom-60', 'Bottom 60% predicted CLV'],
    ]);
    expect([sizes.get('clv:top-10'), sizes.get('clv:top-40'), sizes.get('clv:bottom-60')]).toEqual([1, 3, 6]);
  });
});

describe('churn bands', () => {
  it('cuts at population percentiles when configured so', () => {
    const settings = segmentationSettings({ churnBands: { medium: 'p50', high: 'p80', critical: 'p90' } });
    const scores = Array.from({ length: 10 }, (_, i) => customerScore(`c${i}`, { churnProbability: (i + 1) / 10 }));

    const { sizes } = assignSegments(scores, { settings });

    // p50 = 0.5, p80 = 0.8, p90 = 0.9 (nearest rank); lower bounds inclusive
    expect([sizes.get('churn:low'), sizes.get('churn:medium'), sizes.get('churn:high'), sizes.get('churn:critical')]).toEqual([4, 3, 1, 2]);
  });

  it('by default does not put most of a typical 90-day population in critical', () => {
    // a bimodal spread like the demo's: 40% of customers above 0.9
    const scores = Array.from({ length: 100 }, (_, i) => customerScore(`c${i}`, { churnProbability: i < 60 ? i / 100 : 0.9 + (i - 60) / 400 }));

    const { sizes } = assignSegments(scores);

    expect(sizes.get('churn:critical')! / 100).toBeLessThan(0.2);
  });
});

describe('lifecycle stages', () => {
  const l = DEFAULT_SEGMENTATION_SETTINGS.lifecycle; // new 90, lapsed 365, reactivated 90, overdue x2 and > 30 days
  it.each([
    ['new', 60, 10, 1, 1],
    ['lapsed', 900, 400, 5, 2],
    ['one-time buyer', 200, 200, 1, 3],
    ['reactivated (two purchase days 450 days apart, the last 20 days ago)', 470, 20, 2, 4],
    ['at risk (every 20 days, none for 60)', 400, 60, 18, 5],
    ['active (every 20 days, last 25 days ago)', 400, 25, 20, 6],
    ['active: the 30-day floor keeps a weekly buyer active after two weeks', 400, 14, 50, 6],
  ])('%s', (_name, tenureDays, recencyDays, purchaseDays, stage) => {
    expect(lifecycleStageOf(tenureDays, recencyDays, purchaseDays, l)).toBe(stage);
  });

  it('assigns every scored customer exactly one stage, never prospect (a scored customer has a purchase day), with the ids of the catalogue', () => {
    const scores = [customerScore('n', { tenureDays: 30, recencyDays: 5, frequency: 1 }), customerScore('a', { tenureDays: 400, recencyDays: 5, frequency: 20 })];

    const { memberships, definitions } = assignSegments(scores);

    expect(definitions.filter((d) => d.family === 'lifecycle').map((d) => d.id)).toEqual([
      'lifecycle:prospect',
      'lifecycle:new',
      'lifecycle:lapsed',
      'lifecycle:one-time-buyer',
      'lifecycle:reactivated',
      'lifecycle:at-risk',
      'lifecycle:active',
    ]);
    expect([ofFamily(memberships, 'n', 'lifecycle:'), ofFamily(memberships, 'a', 'lifecycle:')]).toEqual(['lifecycle:new', 'lifecycle:active']);
  });

  it('prospects (no purchase day) get the prospect stage, or nothing when the lifecycle family is off', () => {
    expect(prospectSegments(DEFAULT_SEGMENTATION_SETTINGS)).toEqual([PROSPECT_STAGE]);
    expect(PROSPECT_STAGE).toBe('lifecycle:prospect');
    expect(prospectSegments(segmentationSettings({ lifecycle: { enabled: false } }))).toEqual([]);
  });
});

describe('the predictive grid', () => {
  it('names nine cells churn risk x predicted value and puts each customer in one', () => {
    const settings = segmentationSettings({ predictiveGrid: { churn: { medium: 0.3, high: 0.7 }, value: { field: 'predictedClv', medium: 100, high: 1000 } } });
    const scores = [
      customerScore('vip', { predictedClv: 5000, churnProbability: 0.1 }),
      customerScore('slipping', { predictedClv: 1000, churnProbability: 0.7 }),
      customerScore('core', { predictedClv: 500, churnProbability: 0.5 }),
      customerScore('gone', { predictedClv: 5, churnProbability: 0.99 }),
    ];

    const { memberships, definitions } = assignSegments(scores, { settings });

    expect(definitions.filter((d) => d.family === 'predictive-grid').map((d) => d.name)).toEqual([
      'Secure VIPs',
      'VIPs to watch',
      'Slipping VIPs',
      'Steady core',
      'Core to nurture',
      'Fading core',
      'Loyal low spenders',
      'Drifting low spenders',
      'Likely lost low spenders',
    ]);
    expect(scores.map((s) => ofFamily(memberships, s.customerId, 'grid:'))).toEqual(['grid:vip-secure', 'grid:vip-slipping', 'grid:core-to-nurture', 'grid:low-value-lost']);
  });

  it('ranks value by total lifetime value by default, so big spenders about to leave fill the slipping VIPs cell', () => {
    // predicted CLV falls as churn rises: ranked by it alone, the high-value high-risk cell is empty
    const scores = [
      ...Array.from({ length: 8 }, (_, i) => customerScore(`c${i}`, { predictedClv: 100 + i, monetary: 100, churnProbability: 0.2 })),
      customerScore('big-spender-leaving', { predictedClv: 1, monetary: 5000, churnProbability: 0.95 }),
      customerScore('steady', { predictedClv: 300, monetary: 300, churnProbability: 0.1 }),
    ];

    const byTotal = assignSegments(scores).memberships;
    const byPredicted = assignSegments(scores, { settings: segmentationSettings({ predictiveGrid: { value: { field: 'predictedClv', medium: 'p50', high: 'p80' } } }) }).memberships;

    expect(ofFamily(byTotal, 'big-spender-leaving', 'grid:')).toBe('grid:vip-slipping');
    expect(ofFamily(byPredicted, 'big-spender-leaving', 'grid:')).toBe('grid:low-value-lost');
  });
});

describe('families as a registry', () => {
  afterEach(() => unregisterSegmentFamily('tenure'));

  it('lists and assigns a registered family after the built-ins, and built-ins can be switched off', () => {
    registerSegmentFamily({
      id: 'tenure',
      enabled: () => true,
      definitions: () => [
        { id: 'tenure:first-year', family: 'tenure', name: 'First year', description: 'Tenure under 365 days.' },
        { id: 'tenure:veteran', family: 'tenure', name: 'Veteran', description: 'Tenure of 365 days or more.' },
      ],
      assign: (context) => Int16Array.from(context.columns.tenureDays, (days) => (days < 365 ? 0 : 1)),
    });
    const settings = segmentationSettings({ rfm: { enabled: false }, lifecycle: { enabled: false }, predictiveGrid: { enabled: false } });

    const { definitions, memberships } = assignSegments([customerScore('a', { tenureDays: 100 })], { settings });

    expect([...new Set(definitions.map((d) => d.family))]).toEqual(['clv-tier', 'churn-risk', 'predictive', 'tenure']);
    expect(memberships.get('a')).toEqual(['clv:bottom-50', 'churn:low', 'tenure:first-year']);
    expect(() => registerSegmentFamily({ id: 'rfm', enabled: () => true, definitions: () => [], assign: () => new Int16Array() })).toThrow(/already registered/);
  });

  it('lists the catalogue of a configuration without assigning anyone', () => {
    const settings = segmentationSettings({ custom: [{ id: 'vip', name: 'VIP', rule: { predictedClv: { gte: 'p95' } } }] });

    expect(segmentDefinitions(settings).at(-1)).toEqual({ id: 'custom:vip', family: 'custom', name: 'VIP', description: 'User-defined segment (segments.custom in the configuration).' });
    expect(segmentDefinitions().every((d) => /^[a-z0-9-]+:[a-z0-9-]+$/.test(d.id))).toBe(true);
  });
});

describe('required segments', () => {
  it('names a required user-defined segment that matched nobody', () => {
    const settings = segmentationSettings({ custom: [{ id: 'vip', required: true, rule: { predictedClv: { gte: 1e9 } } }] });
    const { sizes } = assignSegments([customerScore('a')], { settings, asOf: AS_OF });

    expect(() => checkRequiredSegments(settings, sizes)).toThrow(SegmentationInputError);
    expect(() => checkRequiredSegments(settings, sizes)).toThrow(/custom:vip matched no customer/);
  });
});
