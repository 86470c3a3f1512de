import { open } from 'node:fs/promises';
import { DELIMITER_CANDIDATES, splitCsvLine } from './csv-header-line.js';
import type { DecodedCsv } from './decode-upload.js';

/** How much of the decoded copy is looked at: enough for a few dozen records. */
const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_RECORDS = 50;

const shown = (delimiter: string): string => (delimiter === '\t' ? 'tab' : `"${delimiter}"`);

/**
 * The likely reason DuckDB could not split a decoded CSV into the header's columns, from its first
 * records: rows split by another delimiter than the header, a double quote left open, a header of
 * one column, or text that was not in the encoding it was read in. Line endings are no longer a
 * cause (decoding ends every record in LF), but a file that mixed them is said to have done so.
 * Returns a sentence for the rejection message.
 */
export async function likelyCsvProblem(decoded: DecodedCsv): Promise<string> {
  const records = await sampleRecords(decoded.path);
  const delimiter = decoded.decoding.delimiter ?? ',';
  const header = splitCsvLine(decoded.header, delimiter);
  const quote = unbalancedQuote(records);
  const causes = [
    delimiterMismatch(header.length, records, delimiter, quote !== null),
    quote,
    header.length === 1 && records.length > 0 ? `its header is a single column when split by ${DELIMITER_CANDIDATES.map(shown).join(', ')}: the delimiter may be another character` : null,
    decoded.decoding.encoding === 'windows-1252' ? 'it is not UTF-8 and was read as windows-1252; if it was saved in another encoding, export it again as UTF-8' : null,
  ].filter((cause): cause is string => cause !== null);
  const kinds = Object.entries(decoded.decoding.lineEndings ?? {}).filter(([, n]) => n > 0).map(([kind]) => kind.toUpperCase());
  const endings = kinds.length > 1 ? ` Its lines end in ${kinds.join(' and ')}, which is read as it is (not the cause).` : '';
  const likely = causes.length > 0 ? `Likely cause: ${causes.join('; ')}.` : `Check that it has one header line, one delimiter (${DELIMITER_CANDIDATES.map(shown).join(', ')}) and balanced double quotes.`;
  return `${likely}${endings}`;
}

/**
 * Header fields by the header's delimiter, but the rows split evenly only by another one; else the
 * first row of another width, unless an open quote already explains that.
 */
function delimiterMismatch(headerFields: number, records: readonly string[], delimiter: string, quoteProblem: boolean): string | null {
  if (records.length === 0) return null;
  const fits = (d: string) => records.filter((r) => splitCsvLine(r, d).length === headerFields).length;
  if (fits(delimiter) >= records.length / 2) return null;
  const other = DELIMITER_CANDIDATES.filter((d) => d !== delimiter).find((d) => {
    const counts = new Set(records.map((r) => splitCsvLine(r, d).length));
    return counts.size === 1 && !counts.has(1);
  });
  if (other) {
    const rowFields = splitCsvLine(records[0] ?? '', other).length;
    return `the header is split by ${shown(delimiter)} into ${headerFields} columns but its rows by ${shown(other)} into ${rowFields} (a delimiter mismatch)`;
  }
  if (quoteProblem) return null;
  const first = records.findIndex((r) => splitCsvLine(r, delimiter).length !== headerFields);
  return `row ${first + 1} has ${splitCsvLine(records[first] ?? '', delimiter).length} fields where the header has ${headerFields} (a delimiter or quote mismatch)`;
}

/** A record with an odd number of double quotes opens a quoted field it does not close. */
function unbalancedQuote(records: readonly string[]): string | null {
  const row = records.findIndex((r) => ((r.match(/"/g)?.length ?? 0) % 2) === 1);
  return row < 0 ? null : `row ${row + 1} opens a double-quoted field that its line does not close (a quote mismatch)`;
}

/** The first records after the header, split at LF only (a quoted line break splits a record; good enough to judge by). */
async function sampleRecords(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const lines = buffer.toString('utf8', 0, bytesRead).split('\n');
    if (bytesRead === SAMPLE_BYTES) lines.pop();
    return lines.slice(1, SAMPLE_RECORDS + 1).filter((line) => line.length > 0);
  } finally {
    await handle.close();
  }
}
