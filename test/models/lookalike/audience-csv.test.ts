import { describe, expect, it } from 'vitest';
import { AUDIENCE_CSV_HEADER, toAudienceCsv } from '../../../models/lookalike/audience-csv.js';
import { buildLookalikeAudience } from '../../../models/lookalike/build-lookalike-audience.js';
import type { LookalikeAudienceRow } from '../../../models/lookalike/lookalike-audience.js';
import { LookalikeInputError } from '../../../models/lookalike/lookalike-input-error.js';
import { syntheticPopulation } from './synthetic-profiles.js';

describe('toAudienceCsv', () => {
  it('writes only ranks, similarities, 64-hex hashes and sources: no raw PII', () => {
    // Arrange
    const { seed, candidates } = syntheticPopulation({ seedSize: 40, lookalikes: 30, others: 100 });
    const { rows } = buildLookalikeAudience({ seed, candidates, asOf: '2025-06-30' });

    // Act
    const csv = toAudienceCsv(rows);

    // Assert
    const [header, ...lines] = csv.trimEnd().split('\n');
    expect(header).toBe('rank,similarity,email_sha256,phone_sha256,source');
    expect(lines).toHaveLength(rows.length);
    expect(csv).not.toContain('@');
    for (const line of lines) {
      const [rank, similarity, email, phone, source, ...rest] = line.split(',');
      expect(rest).toEqual([]);
      expect(rank).toMatch(/^\d+$/);
      expect(similarity).toMatch(/^(0|1)\.\d{6}$/);
      expect(email).toMatch(/^([0-9a-f]{64})?$/);
      expect(phone).toMatch(/^([0-9a-f]{64})?$/);
      expect(`${email}${phone}`).not.toBe('');
      expect(['prospect', 'customer']).toContain(source);
    }
    for (const rawPhone of candidates.map((c) => c.phone?.replace(/\D/g, '')).filter((p) => p !== undefined)) {
      expect(csv).not.toContain(rawPhone);
    }
  });

  it('writes just the header for an empty audience', () => {
    expect(toAudienceCsv([])).toBe(`${AUDIENCE_CSV_HEADER}\n`);
  });

  it('refuses a row whose hash column holds anything but a SHA-256 digest', () => {
    // Arrange
    const leaky: LookalikeAudienceRow = {
      rank: 1,
      id: 'p1',
      score: 1,
      similarity: 0.5,
      source: 'prospect',
      emailSha256: 'jane@example.com',
      phoneSha256: null,
    };

    // Act / Assert
    expect(() => toAudienceCsv([leaky])).toThrow(LookalikeInputError);
  });
});
