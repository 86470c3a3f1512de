import { csvLine } from '../../csv/index.js';
import { isSha256Hex } from '../../identity/sha256-hex.js';
import type { AudienceDestination, AudiencePerson, DestinationOptions } from './audience-destination.js';
import { DestinationFormatError } from './errors.js';

export interface DestinationCsv {
  /** The file: the header line, then one line per person kept, `\n` after each; RFC 4180 quoting. */
  csv: string;
  /** Data rows written. */
  rows: number;
  /** People left out because they have no identifier this destination accepts. */
  droppedWithoutIdentifiers: number;
}

/**
 * The audience in the destination's upload format. Every row is checked against the header: the
 * same number of cells, and in the destination's hashed columns only SHA-256 digests, so no raw
 * identifier can reach the file (DestinationFormatError otherwise).
 */
export function toDestinationCsv(
  destination: AudienceDestination,
  people: Iterable<AudiencePerson>,
  options: DestinationOptions,
): DestinationCsv {
  const header = destination.header(options);
  const hashed = new Set(destination.hashedColumns ?? []);
  const hashedIndexes = header.flatMap((column, index) => (hashed.has(column) ? [index] : []));
  const lines = [csvLine(header)];
  let droppedWithoutIdentifiers = 0;
  for (const person of people) {
    const row = destination.row(person, options);
    if (row === null) {
      droppedWithoutIdentifiers += 1;
      continue;
    }
    checkRow(destination, header, hashedIndexes, row, person);
    lines.push(csvLine(row));
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1, droppedWithoutIdentifiers };
}

function checkRow(
  destination: AudienceDestination,
  header: readonly string[],
  hashedIndexes: readonly number[],
  row: readonly string[],
  person: AudiencePerson,
): void {
  if (row.length !== header.length) {
    throw new DestinationFormatError(
      `The ${destination.id} row of person '${person.id}' has ${row.length} cells for ${header.length} columns (${header.join(', ')}).`,
    );
  }
  for (const index of hashedIndexes) {
    const cell = row[index]!;
    if (cell !== '' && !isSha256Hex(cell)) {
      throw new DestinationFormatError(
        `The ${destination.id} row of person '${person.id}' has a '${header[index]}' cell that is not a SHA-256 hex digest; hashed columns never hold raw identifiers.`,
      );
    }
  }
}
