const NEEDS_QUOTING = /[",\r\n]/;

/** RFC 4180 CSV with a header line and `\n` line endings. */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(quoteIfNeeded).join(',')];
  for (const row of rows) lines.push(row.map(quoteIfNeeded).join(','));
  return `${lines.join('\n')}\n`;
}

function quoteIfNeeded(field: string): string {
  return NEEDS_QUOTING.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
