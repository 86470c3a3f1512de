import { DeletionRequestError } from './errors.js';
import { isPersonKind, personRefs, type PersonKind, type PersonRef } from './person-ref.js';

const ID_HEADERS = ['id', 'customer_id', 'customerid', 'prospect_id', 'prospectid', 'person_id'];
const KIND_HEADERS = ['kind', 'type'];

const cellsOf = (line: string, delimiter: string): string[] =>
  line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/s, '$1').replaceAll('""', '"'));

/**
 * The people listed in an upload under `incoming/deletions/`: a text file with one id a line, or a
 * CSV (comma, semicolon or tab) whose header names an id column (`id`, `customer_id`,
 * `prospect_id`...) and optionally a `kind` column. Without a kind column, every id is of
 * `defaultKind`, which a `customer_id` or `prospect_id` header also sets.
 */
export function parseDeletionList(text: string, defaultKind: PersonKind = 'customer'): PersonRef[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw new DeletionRequestError('The deletion list is empty.');
  const first = lines[0]!;
  const delimiter = [',', ';', '\t'].find((d) => first.includes(d)) ?? null;
  const header = cellsOf(first, delimiter ?? '\u0000').map((cell) => cell.toLowerCase());
  const idColumn = header.findIndex((cell) => ID_HEADERS.includes(cell));
  if (idColumn < 0) {
    if (delimiter !== null) throw new DeletionRequestError(`The deletion list's header (${first}) names no id column: expected one of ${ID_HEADERS.join(', ')}.`);
    return personRefs(lines.map((id) => ({ kind: defaultKind, id })));
  }
  const kindColumn = header.findIndex((cell) => KIND_HEADERS.includes(cell));
  const headerKind = header[idColumn]!.startsWith('prospect') ? 'prospect' : header[idColumn]!.startsWith('customer') ? 'customer' : defaultKind;
  const entries = lines.slice(1).map((line, index) => {
    const cells = cellsOf(line, delimiter ?? '\u0000');
    const id = cells[idColumn] ?? '';
    const kind = kindColumn >= 0 && cells[kindColumn] ? cells[kindColumn]! : headerKind;
    if (!isPersonKind(kind.toLowerCase())) throw new DeletionRequestError(`Line ${index + 2} of the deletion list: unknown kind "${kind}" (expected customer or prospect).`);
    return { kind, id };
  });
  return personRefs(entries.filter((entry) => entry.id !== ''));
}
