import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import type { FeatureVocabulary } from './feature-frame.js';

const MAX_LEVELS = 12;

/** The most common levels of each profile category; rarer ones share the all-zero encoding. */
export async function chooseVocabulary(db: DuckDbSession): Promise<FeatureVocabulary> {
  const levels = async (column: string) =>
    (
      await db.rows<{ level: string }>(`
        SELECT lower(trim(${column})) AS level FROM customers WHERE ${column} IS NOT NULL
        GROUP BY level HAVING count(*) >= 20 ORDER BY count(*) DESC, level LIMIT ${MAX_LEVELS}`)
    ).map((r) => r.level);
  return { country: await levels('country'), acquisitionChannel: await levels('acquisition_channel') };
}

const slug = (level: string): string => level.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

export function categoryLevelsSql(vocabulary: FeatureVocabulary): Record<string, string> {
  const oneHot = (prefix: string, column: string, levels: string[]) =>
    Object.fromEntries(
      levels.map((level) => [`${prefix}_${slug(level)}`, `CAST(lower(trim(p.${column})) = ${sqlString(level)} AS DOUBLE)`]),
    );
  return {
    ...oneHot('country', 'country', vocabulary.country),
    ...oneHot('channel', 'acquisition_channel', vocabulary.acquisitionChannel),
  };
}
