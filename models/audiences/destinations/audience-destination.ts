import type { DestinationId } from '../audience-version.js';

/** One person of an audience, before hashing; raw identifiers never leave the pipeline: only a destination's row() output is written. */
export interface AudiencePerson {
  id: string;
  email: string | null;
  phone: string | null;
  /** Country as the extract gave it (code or name); also the default country for national phone numbers. */
  country: string | null;
  firstName?: string | null;
  lastName?: string | null;
  zip?: string | null;
  /** Predicted value, for value-based audiences (Meta `value`). */
  value?: number | null;
}

export interface DestinationOptions {
  valueBased: boolean;
}

export interface AudienceDestination {
  id: DestinationId;
  /** Human name, e.g. "Meta custom audience (customer list)". */
  name: string;
  /** The platform's documentation this format follows. */
  documentation: string;
  /** Header names whose cells must be SHA-256 hex digests (or empty); toDestinationCsv refuses anything else. */
  hashedColumns?: readonly string[];
  header(options: DestinationOptions): string[];
  /** The person's row (cells in header order, identifiers hashed), or null when the person has no identifier the platform accepts. */
  row(person: AudiencePerson, options: DestinationOptions): string[] | null;
}
