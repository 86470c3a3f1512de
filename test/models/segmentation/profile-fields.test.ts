import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseSegmentsConfig } from '../../../models/config/index.js';
import {
  assignSegments,
  computePopulationStats,
  planSegmentation,
  profileColumnsRead,
  segmentationSettings,
  SegmentRuleError,
  withProfile,
  type SegmentationProfile,
  type SegmentationScore,
  type SegmentationSettings,
} from '../../../models/segmentation/index.js';
import { AS_OF, rowScore } from './score-rows.js';

const PROFILE: SegmentationProfile = {
  columns: [
    { name: 'web_sessions', type: 'number' },
    { name: 'loyalty_tier', type: 'category' },
    { name: 'newsletter', type: 'boolean' },
    { name: 'last_visit', type: 'date' },
  ],
  consentDefault: 'denied',
};

/** Score rows with profile columns as the Segment stage joins them in. */
const people: SegmentationScore[] = [
  rowScore('de-big', { predictedClv: 900 }, { country: 'DE', acquisition_channel: 'referral', signup_date: '2024-11-20', marketing_consent: true, web_sessions: 40, loyalty_tier: 'gold', newsletter: true, last_visit: '2024-12-30' }),
  rowScore('de-small', { predictedClv: 50 }, { country: 'DE', acquisition_channel: 'paid_social', signup_date: '2023-05-01', marketing_consent: false, web_sessions: 2, loyalty_tier: 'silver', newsletter: false, last_visit: '2024-06-01' }),
  rowScore('at-big', { predictedClv: 800 }, { country: 'AT', acquisition_channel: 'referral', signup_date: '2022-01-15', marketing_consent: true, web_sessions: 12, loyalty_tier: null, newsletter: null, last_visit: null }),
  rowScore('fr-big', { predictedClv: 950 }, { country: 'FR', acquisition_channel: 'organic', signup_date: '2024-12-01', marketing_consent: false, web_sessions: 30, loyalty_tier: 'gold', newsletter: true, last_visit: '2024-12-15' }),
  rowScore('no-profile', { predictedClv: 990 }),
];

function members(rule: unknown, extra: Record<string, unknown> = {}): string[] {
  const settings = withProfile(segmentationSettings({ custom: [{ id: 'target', rule }], ...extra }), PROFILE);
  const { memberships } = assignSegments(people, { settings, asOf: AS_OF });
  return people.filter((s) => memberships.get(s.customerId)?.includes('custom:target')).map((s) => s.customerId);
}

describe('rules on the profile columns of the customers extract', () => {
  it('reads the built-in profile columns: country and channel as text, signup_date as a day, marketing_consent as yes/no', () => {
    expect(members({ country: { in: ['DE', 'AT', 'CH'] } })).toEqual(['de-big', 'de-small', 'at-big']);
    expect(members({ acquisition_channel: 'referral' })).toEqual(['de-big', 'at-big']);
    expect(members('signup_date onOrAfter asOf - 60 days')).toEqual(['de-big', 'fr-big']);
    expect(members({ 'daysSince(signup_date)': { gt: 365 } })).toEqual(['de-small', 'at-big']);
    expect(members({ marketing_consent: true })).toEqual(['de-big', 'at-big']);
    expect(members('marketing_consent = false')).toEqual(['de-small', 'fr-big']);
    // A customer with no profile row has every profile column missing.
    expect(members({ country: { present: false } })).toEqual(['no-profile']);
  });

  it('the README micro-segment: country and predicted value together, the percentile over everyone', () => {
    // p60 of predictedClv over the five is 900 (nearest rank).
    expect(members({ country: { in: ['DE', 'AT', 'CH'] }, predictedClv: { gte: 'p60' } })).toEqual(['de-big']);
    expect(members({ all: [{ country: { ne: 'DE' } }, 'predictedClv >= 800'] })).toEqual(['at-big', 'fr-big']);
  });

  it('reads declared extra columns as their declared type: numbers (with percentiles), categories, booleans, days', () => {
    expect(members({ web_sessions: { gte: 'p75' } })).toEqual(['de-big', 'fr-big']);
    expect(members('web_sessions between 10 and 35')).toEqual(['at-big', 'fr-big']);
    expect(members({ loyalty_tier: 'gold' })).toEqual(['de-big', 'fr-big']);
    expect(members({ newsletter: { eq: false } })).toEqual(['de-small']);
    expect(members({ newsletter: { present: false } })).toEqual(['at-big', 'no-profile']);
    expect(members({ last_visit: { after: 'asOf - 30 days' } })).toEqual(['de-big', 'fr-big']);
  });

  it('a percentile of a profile column is carried by the population statistics, so a shard alone agrees with the whole', () => {
    const settings = withProfile(segmentationSettings({ custom: [{ id: 'engaged', rule: { web_sessions: { gte: 'p50' } } }] }), PROFILE);
    const population = JSON.parse(JSON.stringify(computePopulationStats(people, { settings, asOf: AS_OF })));
    expect(population.percentiles.web_sessions).toEqual({ p50: 12 });
    expect(population.settings.profile).toEqual(PROFILE);
    const shard = assignSegments(people.slice(0, 2), { population });
    expect(shard.memberships.get('de-big')).toContain('custom:engaged');
    expect(shard.memberships.get('de-small')).not.toContain('custom:engaged');
  });

  it('lists the profile columns the rules read, each once, so the Segment stage loads only those', () => {
    const settings = withProfile(
      segmentationSettings({
        custom: [
          { id: 'a', rule: { country: 'DE', 'daysSince(last_visit)': { lt: 30 } } },
          { id: 'b', rule: { any: [{ country: 'AT' }, { web_sessions: { gte: 'p90' } }] } },
        ],
      }),
      PROFILE,
    );
    expect(profileColumnsRead(planSegmentation(settings)).map((c) => `${c.column}:${c.type}:${c.declared}`).sort()).toEqual([
      'country:category:false',
      'last_visit:date:true',
      'web_sessions:number:true',
    ]);
    expect(profileColumnsRead(planSegmentation(segmentationSettings({ custom: [{ id: 'c', rule: 'predictedClv > 1' }] })))).toEqual([]);
  });
});

describe('rule validation knows the profile columns and their types', () => {
  const check = (rule: unknown, profile: SegmentationProfile = PROFILE) => () => planSegmentation(withProfile(segmentationSettings({ custom: [{ id: 'target', rule }] }), profile));

  it('an undeclared extra column is an unknown field that says to declare it under profile.columns, naming the rule', () => {
    expect(check({ web_visits: { gt: 3 } })).toThrow(SegmentRuleError);
    expect(check({ web_visits: { gt: 3 } })).toThrow(/segment custom:target: unknown field web_visits; .*declare it under profile.columns/);
    expect(check({ web_sessions: { gt: 3 } }, { columns: [], consentDefault: 'denied' })).toThrow(/unknown field web_sessions; declare it under profile.columns/);
  });

  it('type mismatches: a date column against a number, a yes/no column against a number, a number column against a day, text against a number', () => {
    expect(check({ signup_date: { gt: 60 } })).toThrow(/segment custom:target: type mismatch: signup_date is a date and 60 is a number/);
    expect(check({ last_visit: { lt: 3 } })).toThrow(/type mismatch: last_visit is a date and 3 is a number/);
    expect(check({ marketing_consent: 1 })).toThrow(/type mismatch: marketing_consent is a yes\/no field, 1 is not \(expected true or false\)/);
    expect(check({ web_sessions: { gt: 'asOf' } })).toThrow(/type mismatch: web_sessions is a number and 'asOf' is a day/);
    expect(check({ country: { eq: 49 } })).toThrow(/type mismatch: country is text, 49 is not/);
    expect(check({ newsletter: { gt: true } })).toThrow(/unknown operator gt for newsletter \(operators: eq, ne, present\)/);
    expect(check({ 'daysSince(country)': { gt: 1 } })).toThrow(/daysSince\(\) takes a date field and country is text/);
  });

  it('a rule cannot read lifecycle:prospect: prospects have no score row, so it would match nobody', () => {
    expect(check({ segment: 'lifecycle:prospect' })).toThrow(/segment custom:target: rules run on scored customers, and lifecycle:prospect holds .* would match nobody/);
    expect(check({ segment: ['lifecycle:new', 'lifecycle:active'] })).not.toThrow();
  });

  it('segments.fields may still declare a built-in profile column with its type; another type, or a declared column with a field\'s name, is refused', () => {
    expect(() => planSegmentation(segmentationSettings({ fields: [{ name: 'country', type: 'string' }], custom: [{ id: 'x', rule: { country: 'DE' } }] }))).not.toThrow();
    expect(() => planSegmentation(segmentationSettings({ fields: [{ name: 'country', type: 'number' }] }))).toThrow(/fields\.0\.name\)?/);
    expect(() => planSegmentation(withProfile(segmentationSettings({}), { columns: [{ name: 'frequency', type: 'number' }], consentDefault: 'denied' }))).toThrow(
      /profile.columns.frequency: the name of a built-in field/,
    );
  });

  it('the configuration file: profile.columns declares what the segments section may read, and an undeclared column is refused with the rule\'s path', () => {
    const rule = `segments:\n  custom:\n    - id: engaged-de\n      rule: { country: DE, web_sessions: { gte: p90 } }\n`;
    const config = parseSegmentsConfig(`profile:\n  columns:\n    web_sessions: { type: number }\n${rule}`, 'good.yaml');
    expect((config.segments as SegmentationSettings).profile?.columns).toEqual([{ name: 'web_sessions', type: 'number' }]);

    let error: unknown;
    try {
      parseSegmentsConfig(rule, 'bad.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/segments\.custom\.0\.rule\.web_sessions: segment custom:engaged-de: unknown field web_sessions; declare it under profile.columns/);
    expect(() => parseSegmentsConfig(`profile:\n  columns:\n    last_visit: { type: date }\nsegments:\n  custom:\n    - id: recent\n      rule: 'last_visit > 30'\n`, 'mismatch.yaml')).toThrow(
      /segments\.custom\.0\.rule\.last_visit\.gt: segment custom:recent: type mismatch: last_visit is a date and 30 is a number/,
    );
  });
});
