import { parseCsvRecord } from '../../models/csv/index.js';

/**
 * The few CSV operations member pages need, on bytes: finding where a record ends (RFC 4180, so a
 * quoted cell may hold commas, quotes and line breaks) without decoding the rest of the file, and
 * reading and writing one record. UTF-8 never uses the bytes of `"` or `\n` inside a multi-byte
 * character, so scanning bytes is safe.
 */
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** The offset just past the line break that ends the record starting at `from`, or null if the bytes end first. */
export function recordEnd(bytes: Uint8Array, from: number): number | null {
  let quoted = false;
  for (let i = from; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === NEWLINE && !quoted) return i + 1;
  }
  return null;
}

/** The cells of one record (its line break, LF or CRLF, included or not). */
export const parseRecord = parseCsvRecord;

export const isBlankRecord = (text: string): boolean => text.trim() === '';

const needsQuotes = /[",\r\n]/;
export const formatRecord = (cells: readonly string[]): string =>
  cells.map((cell) => (needsQuotes.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',');
