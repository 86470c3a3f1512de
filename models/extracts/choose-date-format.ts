import { sqlIdentifier, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { DATE_FORMATS, parseDateSql } from './value-parsers.js';

/**
 * One format per column for the whole file: deciding row by row would read `03/04/2024` as
 * March in one row and April in the next. The format that parses the most cells wins; on a
 * tie the earlier entry of DATE_FORMATS (ISO first) does.
 */
export async function chooseDateFormat(db: DuckDbSession, header: string): Promise<string> {
  const column = sqlIdentifier(header);
  // Each distinct cell is parsed once and counts as often as it occurs: the same counts, at a
  // fraction of the cost (an extract repeats each day many times).
  const counts = DATE_FORMATS.map((format, i) => `CAST(sum(n) FILTER (WHERE ${parseDateSql('cell', format)} IS NOT NULL) AS DOUBLE) AS f${i}`).join(', ');
  const [row] = await db.rows<Record<string, bigint | number>>(
    `SELECT ${counts} FROM (SELECT ${column} AS cell, count(*) AS n FROM raw_extract GROUP BY ${column})`,
  );
  let best = 0;
  let bestCount = -1;
  DATE_FORMATS.forEach((_, i) => {
    const count = Number(row?.[`f${i}`] ?? 0);
    if (count > bestCount) [best, bestCount] = [i, count];
  });
  return DATE_FORMATS[best] ?? 'iso';
}
