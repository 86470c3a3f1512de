import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../models/identity/normalize-email.js';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    // Arrange
    const raw = '  Jane.Doe+Promo@Example.COM \t';

    // Act
    const normalized = normalizeEmail(raw);

    // Assert
    expect(normalized).toBe('jane.doe+promo@example.com');
  });

  it('keeps Gmail dots and plus tags (Meta hashes the address as typed; the Google destination applies its own Gmail rule)', () => {
    expect(normalizeEmail('First.Last+news@Gmail.com')).toBe('first.last+news@gmail.com');
  });

  it('gives the same address whether its accents were typed composed (NFC) or decomposed (NFD)', () => {
    // Arrange
    const composed = 'Zoë.Pérez@Exämple.de'.normalize('NFC');
    const decomposed = 'Zoë.Pérez@Exämple.de'.normalize('NFD');

    // Act
    const fromComposed = normalizeEmail(composed);
    const fromDecomposed = normalizeEmail(decomposed);

    // Assert
    expect(decomposed).not.toBe(composed);
    expect(fromDecomposed).toBe(fromComposed);
    expect(fromComposed).toBe('zo\u00eb.p\u00e9rez@ex\u00e4mple.de');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['no at sign', 'jane.example.com'],
    ['two at signs', 'jane@doe@example.com'],
    ['empty local part', '@example.com'],
    ['no domain', 'jane@'],
    ['domain without a dot', 'jane@localhost'],
    ['numeric top-level domain', 'jane@example.123'],
    ['space inside', 'jane doe@example.com'],
    ['leading dot', '.jane@example.com'],
    ['double dot', 'jane..doe@example.com'],
    ['empty domain label', 'jane@example..com'],
    ['hyphen-edged label', 'jane@-example.com'],
  ])('returns null for %s', (_case, raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });

  it('returns null for null and undefined', () => {
    expect(normalizeEmail(null)).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
  });

  it('is idempotent and its output is trimmed lower-case', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string()), fc.constantFrom('', ' ', '\t '), (email, pad) => {
        const once = normalizeEmail(`${pad}${email}${pad}`);
        if (once === null) return;
        expect(normalizeEmail(once)).toBe(once);
        expect(once).toBe(once.trim().toLowerCase());
      }),
    );
  });

  it('accepts every address fast-check generates as valid, modulo case', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        expect(normalizeEmail(email.toUpperCase())).toBe(email.toLowerCase());
      }),
    );
  });
});
