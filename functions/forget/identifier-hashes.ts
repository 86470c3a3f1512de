import type { AudienceDestination, AudiencePerson } from '../../models/audiences/destinations/audience-destination.js';
import { isSha256Hex, normalizeEmail, normalizePhone, sha256Hex, toE164 } from '../../models/identity/index.js';

/** Header names of audience columns that identify one person (emails, phones); names and zips are shared by many. */
export const IDENTIFIER_COLUMN = /mail|phone|^em$|^ph$/i;

/**
 * Every hash under which a person's email or phone can appear in an audience file: the hashes
 * each destination's `row()` writes (Meta digits, Google `+E.164`...), and the plain forms the
 * identity module produces (the pre-destination lookalike file used them), for each profile the
 * person had (a customer may appear in several extracts).
 */
export function identifierHashes(profiles: readonly AudiencePerson[], destinations: readonly AudienceDestination[]): Set<string> {
  const hashes = new Set<string>();
  const add = (value: string | null) => {
    if (value) hashes.add(sha256Hex(value));
  };
  for (const profile of profiles) {
    add(normalizeEmail(profile.email));
    const digits = normalizePhone(profile.phone, profile.country);
    add(digits);
    if (digits) add(`+${digits}`);
    add(toE164(profile.phone, profile.country));
    for (const destination of destinations) {
      for (const valueBased of [false, true]) {
        const header = destination.header({ valueBased });
        const row = destination.row(profile, { valueBased });
        if (!row) continue;
        header.forEach((column, index) => {
          const cell = row[index];
          if (IDENTIFIER_COLUMN.test(column) && cell && isSha256Hex(cell)) hashes.add(cell);
        });
      }
    }
  }
  return hashes;
}
