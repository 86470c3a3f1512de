import { csvLine } from '../csv/index.js';
import { isSha256Hex } from '../identity/sha256-hex.js';
import type { LookalikeAudienceRow } from './lookalike-audience.js';
import { LookalikeInputError } from './lookalike-input-error.js';

export const AUDIENCE_CSV_HEADER = 'rank,similarity,email_sha256,phone_sha256,source';

/**
 * The audience as CSV for upload: hashes only, never ids or raw contact details.
 * Refuses (LookalikeInputError) any hash column that is not 64 lower-case hex, so a raw email or
 * phone can never slip through.
 */
export function toAudienceCsv(rows: readonly LookalikeAudienceRow[]): string {
  const lines = rows.map((row) =>
    csvLine([
      String(row.rank),
      row.similarity.toFixed(6),
      hashCell(row.emailSha256, row.rank),
      hashCell(row.phoneSha256, row.rank),
      row.source,
    ]),
  );
  return [AUDIENCE_CSV_HEADER, ...lines].join('\n') + '\n';
}

function hashCell(hash: string | null, rank: number): string {
  if (hash === null) return '';
  if (!isSha256Hex(hash)) throw new LookalikeInputError(`Row ${rank} has a hash column that is not a SHA-256 hex digest`);
  return hash;
}
