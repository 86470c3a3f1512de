import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../models/identity/normalize-email.js';
import { normalizePhone } from '../../../models/identity/normalize-phone.js';
import { isSha256Hex, sha256Hex } from '../../../models/identity/sha256-hex.js';

describe('sha256Hex', () => {
  it('hashes a normalised email to its known SHA-256', () => {
    // Arrange
    const email = normalizeEmail('  Test@Example.com ');

    // Act
    const hash = sha256Hex(email ?? '');

    // Assert
    expect(hash).toBe('973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b');
  });

  it('hashes a normalised phone to its known SHA-256', () => {
    const phone = normalizePhone('020 7946 0958', 'GB');

    expect(sha256Hex(phone ?? '')).toBe('35e206e5dec4c89b9e8b71b8c32724a5bb518483ac5a20c6617d738375b3b823');
  });

  it('always gives 64 lower-case hex characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const hash = sha256Hex(value);
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(isSha256Hex(hash)).toBe(true);
      }),
    );
  });

  it('recognises only 64 lower-case hex characters as a hash', () => {
    expect(isSha256Hex('A'.repeat(64))).toBe(false);
    expect(isSha256Hex('a'.repeat(63))).toBe(false);
    expect(isSha256Hex('jane@example.com')).toBe(false);
  });
});
