const NEEDS_QUOTING = /[",\r\n]/;

/**
 * RFC 4180 CSV with a header line and `\n` line endings. Unlike the files the pipeline writes
 * (models/csv), cells are not escaped for spreadsheets: these are extracts the pipeline reads back,
 * and a leading `'` would change values such as `+44 20 7946 0000`.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(quoteIfNeeded).join(',')];
  for (const row of rows) lines.push(row.map(quoteIfNeeded).join(','));
  return `${lines.join('\n')}\n`;
}

function quoteIfNeeded(field: string): string {
  return NEEDS_QUOTING.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
