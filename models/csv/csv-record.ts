/**
 * One CSV record (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks) split
 * into its cells, without a CSV library: audience files are read a record at a time.
 */
export function parseCsvRecord(text: string): string[] {
  // Its line break, if any: LF, CRLF, or a CR left by splitting a CRLF file on LF.
  const line = text.replace(/\r?\n$|\r$/, '');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

