import { describe, expect, it } from 'vitest';
import { emailDomainClass } from '../../../models/lookalike/email-domain-class.js';
import { epochDayOf } from '../../../models/lookalike/epoch-day.js';
import { featureVector, LOOKALIKE_FEATURES } from '../../../models/lookalike/lookalike-features.js';
import { profileContact } from '../../../models/lookalike/profile-contact.js';
import { tenureBucket } from '../../../models/lookalike/tenure-bucket.js';
import { profile } from './synthetic-profiles.js';

const AS_OF = epochDayOf('2025-06-30') as number;

describe('lookalike features', () => {
  it('describes a profile by country, channel, tenure, email domain class and phone presence', () => {
    // Arrange
    const jane = profile('p1', { country: ' gb ', acquisitionChannel: 'Referral', phone: '020 7946 0958', email: 'Jane@ACME.io' });

    // Act
    const vector = featureVector(jane, profileContact(jane), AS_OF);

    // Assert
    expect(LOOKALIKE_FEATURES).toEqual(['country', 'acquisition-channel', 'tenure', 'email-domain', 'phone']);
    expect(vector).toEqual(['GB', 'referral', '1-2y', 'corporate', 'present']);
  });

  it('uses the level `unknown` or `none`/`absent` for missing values', () => {
    const empty = profile('p2', { country: null, acquisitionChannel: '  ', signupDate: null, email: 'not-an-email', phone: '12' });

    expect(featureVector(empty, profileContact(empty), AS_OF)).toEqual(['unknown', 'unknown', 'unknown', 'none', 'absent']);
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

  it('reads national phone numbers in the profile country', () => {
    const contact = profileContact(profile('p3', { phone: '020 7946 0958', country: 'GB', email: null }));

    expect(contact).toEqual({ email: null, phoneDigits: '442079460958' });
  });
});
