/** The encodings a text upload is read in; `windows-1252` is only chosen once UTF-8 fails. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const startsWith = (head: Uint8Array, bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);

/**
 * The encoding a text file starts in, or null if its first bytes are not text. A BOM decides;
 * without one, UTF-16 shows as a NUL in every other byte (ASCII in 16-bit units) and anything
 * else is tried as UTF-8. Bytes that turn out not to be UTF-8 are decided later, on the whole stream.
 */
export function sniffTextEncoding(head: Uint8Array): TextEncoding | null {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  return utf16WithoutBom(head) ?? (looksLikeText(head) ? 'utf-8' : null);
}

function utf16WithoutBom(head: Uint8Array): TextEncoding | null {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 2) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs; i += 1) {
    if (head[2 * i] === 0) evenNuls += 1;
    if (head[2 * i + 1] === 0) oddNuls += 1;
  }
  if (oddNuls > pairs / 2 && evenNuls < pairs / 20) return 'utf-16le';
  if (evenNuls > pairs / 2 && oddNuls < pairs / 20) return 'utf-16be';
  return null;
}

/**
 * Text has next to no control characters. A stray NUL or two (a damaged export) is tolerated,
 * even in a short sample: the row holding it is judged by the row rules, not the whole file.
 */
function looksLikeText(head: Uint8Array): boolean {
  const sample = head.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control += 1;
  }
  return control <= Math.max(2, sample.length / 100);
}
