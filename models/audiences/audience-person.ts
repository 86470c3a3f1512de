import type { DeclaredColumn } from '../extracts/declared-columns.js';

/** Where a person of the pool or the seed comes from: the customers extract or the prospects extract. */
export type PersonSource = 'customer' | 'prospect';

/** An extra column the configuration declares (`profile.columns`): its snake_case name in the clean tables and its type. */
export type DeclaredProfileColumn = DeclaredColumn;

/** A customer or prospect as the audience build sees it: the profile columns, consent, declared extras and predicted value. */
export interface AudienceCandidate {
  id: string;
  source: PersonSource;
  email: string | null;
  phone: string | null;
  country: string | null;
  /** ISO date `YYYY-MM-DD`. */
  signupDate: string | null;
  acquisitionChannel: string | null;
  firstName?: string | null;
  lastName?: string | null;
  zip?: string | null;
  /** true/false as the extract said; null when it said nothing (the configured default decides). */
  marketingConsent: boolean | null;
  /** Declared extra columns by name, as the clean tables keep them (text). */
  extras?: Readonly<Record<string, string | null>>;
  /** Predicted value (customers' predicted CLV); null for prospects. */
  value?: number | null;
}

/** Whether absent consent (null) counts as consent: the configuration's `profile.consent.default`. */
export type ConsentDefault = 'granted' | 'denied';

export function hasConsent(person: Pick<AudienceCandidate, 'marketingConsent'>, consentDefault: ConsentDefault): boolean {
  return person.marketingConsent ?? consentDefault === 'granted';
}
