export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/** The candidate that splits the header line into the most fields; a comma if none splits it. */
export function guessDelimiter(line: string): string {
  const counts = DELIMITER_CANDIDATES.map((d) => splitCsvLine(line, d).length);
  return DELIMITER_CANDIDATES[counts.indexOf(Math.max(...counts))] ?? ',';
}

/** The fields of one CSV line, unquoted and trimmed as DuckDB trims header names. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"' && (quoted || field.trim() === '')) {
      quoted = !quoted;
    } else if (c === delimiter && !quoted) {
      fields.push(field.trim());
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field.trim());
  return fields;
}
