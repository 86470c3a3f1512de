import { describe, expect, it } from 'vitest';
import { emailDomainClass } from '../../../models/audiences/features/email-domain-class.js';
import { epochDayOf } from '../../../models/audiences/features/epoch-day.js';
import { buildFeatureTable, featureNamesOf, MIN_LEVEL_COUNT } from '../../../models/audiences/features/feature-table.js';
import { tenureBucket } from '../../../models/audiences/features/tenure-bucket.js';
import { person } from './synthetic-people.js';

const AS_OF = epochDayOf('2025-06-30') as number;

const levelsOf = (table: ReturnType<typeof buildFeatureTable>, name: string) => {
  const column = table.categorical.find((c) => c.name === name)!;
  return Array.from(column.codes, (code) => column.levels[code]);
};

describe('the audience feature table', () => {
  const many = <T>(count: number, make: (i: number) => T) => Array.from({ length: count }, (_, i) => make(i));

  it('describes people by country, channel, tenure, email domain class and a valid phone, then the declared extras by type', () => {
    const people = many(MIN_LEVEL_COUNT, (i) =>
      person(`p${i}`, 'prospect', {
        country: ' gb ',
        acquisitionChannel: 'Referral',
        phone: '020 7946 0958',
        email: 'Jane@ACME.io',
        signupDate: '2024-06-30',
        extras: { web_sessions: '1,234', vip: 'Yes', interest: 'Premium', last_visit: '2025-06-20' },
      }),
    );
    const table = buildFeatureTable(people, [
      { name: 'web_sessions', type: 'number' },
      { name: 'vip', type: 'boolean' },
      { name: 'interest', type: 'category' },
      { name: 'last_visit', type: 'date' },
    ], AS_OF);

    expect(featureNamesOf(table)).toEqual(['country', 'acquisition_channel', 'signup_tenure', 'email_domain', 'phone', 'vip', 'interest', 'web_sessions', 'last_visit_age_days']);
    expect(['country', 'acquisition_channel', 'signup_tenure', 'email_domain', 'phone', 'vip', 'interest'].map((name) => levelsOf(table, name)[0])).toEqual(['GB', 'referral', '1-2y', 'corporate', 'present', 'true', 'premium']);
    expect(table.numeric.map((c) => c.values[0])).toEqual([1234, 10]);
  });

  it('uses `unknown` for missing values, `other` for levels too rare to learn from, NaN for numbers it cannot read', () => {
    const people = [
      ...many(MIN_LEVEL_COUNT, (i) => person(`gb${i}`, 'customer', { country: 'GB' })),
      person('fr', 'customer', { country: 'FR', email: 'not-an-email', phone: '12', extras: { web_sessions: 'lots' } }),
      person('none', 'customer', { country: null, acquisitionChannel: '  ', signupDate: null }),
    ];
    const table = buildFeatureTable(people, [{ name: 'web_sessions', type: 'number' }], AS_OF);

    expect(levelsOf(table, 'country').slice(-2)).toEqual(['other', 'unknown']);
    expect(levelsOf(table, 'acquisition_channel').at(-1)).toBe('unknown');
    expect(levelsOf(table, 'signup_tenure').at(-1)).toBe('unknown');
    // One unreadable email among twelve: `none` is too rare a level here, so it is pooled as `other`.
    expect(levelsOf(table, 'email_domain')[MIN_LEVEL_COUNT]).toBe('other');
    expect(levelsOf(table, 'phone')[MIN_LEVEL_COUNT]).toBe('absent');
    expect(Number.isNaN(table.numeric[0]!.values[MIN_LEVEL_COUNT])).toBe(true);
  });

  it.each([
    ['2025-06-30', 'under-3m'],
    ['2025-04-01', 'under-3m'],
    ['2025-03-31', '3-6m'],
    ['2024-07-01', '6-12m'],
    ['2024-06-30', '1-2y'],
    ['2022-01-01', '2-4y'],
    ['2019-01-01', '4y-plus'],
    ['2025-07-01', 'unknown'],
    ['2025-02-30', 'unknown'],
    ['yesterday', 'unknown'],
  ])('buckets a signup on %s as %s at 2025-06-30', (signupDate, expected) => {
    expect(tenureBucket(signupDate, AS_OF)).toBe(expected);
  });

  it.each([
    ['jane@gmail.com', 'free-mail'],
    ['jane@yahoo.co.uk', 'free-mail'],
    ['jane@hotmail.fr', 'free-mail'],
    ['jane@acme-corp.co.uk', 'corporate'],
    ['jane@outlook.acme.com', 'corporate'],
    [null, 'none'],
  ])('classes %s as %s', (email, expected) => {
    expect(emailDomainClass(email)).toBe(expected);
  });
});
