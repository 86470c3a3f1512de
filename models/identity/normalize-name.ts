/** How the platform wants the letters of a name joined: Meta keeps letters only, Google keeps single spaces. */
export type NameSpacing = 'no-spaces' | 'single-spaces';

/** Titles a first name is typed with ("Mrs. Jane"); Google asks to leave them out, Meta to keep letters of the name only. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'madam', 'mme', 'mlle', 'herr', 'frau']);
/** Generational suffixes a last name is typed with ("Smith Jr."). */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/**
 * A first or last name as the platforms hash it: trimmed, Unicode NFC (accents kept as composed
 * UTF-8 letters, as Meta's "Valéry" example hashes), lower-case, with punctuation, digits and
 * symbols deleted ("Mary-Jane" -> "maryjane", "O'Neil" -> "oneil"), without a leading title (first name) or trailing "Jr."-style suffix (last name).
 * Null when nothing of the name is left.
 */
export function normalizeName(
  raw: string | null | undefined,
  part: 'first' | 'last',
  spacing: NameSpacing,
): string | null {
  if (raw === null || raw === undefined) return null;
  const words = raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{N}]+/gu, '')
    .replace(/[^\p{L}\p{M}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  if (part === 'first' && words.length > 1 && HONORIFICS.has(words[0]!)) words.shift();
  if (part === 'last' && words.length > 1 && SUFFIXES.has(words[words.length - 1]!)) words.pop();
  const name = words.join(spacing === 'single-spaces' ? ' ' : '');
  return name.length === 0 ? null : name;
}
