import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../models/identity/normalize-name.js';

describe('normalizeName', () => {
  it('trims, lower-cases and drops punctuation, keeping letters only for Meta', () => {
    // Arrange
    const raw = "  Mary-Jane O'Neil ";

    // Act
    const name = normalizeName(raw, 'first', 'no-spaces');

    // Assert
    expect(name).toBe('maryjaneoneil');
  });

  it('keeps single spaces between words for Google', () => {
    expect(normalizeName('  Mary   Ann ', 'first', 'single-spaces')).toBe('mary ann');
    expect(normalizeName('van der Berg', 'last', 'single-spaces')).toBe('van der berg');
  });

  it('keeps accents as composed UTF-8 letters, whatever form they were typed in', () => {
    const composed = normalizeName('Valéry'.normalize('NFC'), 'first', 'no-spaces');
    const decomposed = normalizeName('Valéry'.normalize('NFD'), 'first', 'no-spaces');

    expect(composed).toBe('val\u00e9ry');
    expect(decomposed).toBe(composed);
  });

  it('keeps letters of any script', () => {
    expect(normalizeName('정', 'first', 'no-spaces')).toBe('정');
    expect(normalizeName('Ελένη', 'first', 'no-spaces')).toBe('ελένη');
  });

  it('leaves out a title before a first name and a suffix after a last name', () => {
    expect(normalizeName('Mrs. Jane', 'first', 'single-spaces')).toBe('jane');
    expect(normalizeName('Dr Ann Marie', 'first', 'no-spaces')).toBe('annmarie');
    expect(normalizeName('Smith Jr.', 'last', 'single-spaces')).toBe('smith');
    expect(normalizeName('King III', 'last', 'no-spaces')).toBe('king');
  });

  it('keeps a name that is only a title-like word', () => {
    expect(normalizeName('Sir', 'first', 'no-spaces')).toBe('sir');
    expect(normalizeName('Jr', 'last', 'no-spaces')).toBe('jr');
  });

  it.each([[null], [undefined], [''], ['   '], ['1234'], ['---']])('returns null for %j', (raw) => {
    expect(normalizeName(raw, 'first', 'no-spaces')).toBeNull();
  });

  it('is idempotent and never leaves punctuation, digits or outer spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom('no-spaces', 'single-spaces' as const), (raw, spacing) => {
        const once = normalizeName(raw, 'first', spacing);
        if (once === null) return;
        expect(normalizeName(once, 'first', spacing)).toBe(once);
        expect(once).not.toMatch(/[\p{P}\p{S}\p{N}]|^\s|\s$|\s\s/u);
        expect(once).toBe(once.normalize('NFC'));
      }),
    );
  });
});
