import { sqlIdentifier, sqlString } from '../../models/duckdb/duckdb-session.js';
import { PREFIXES, extractKindOf } from '../shared/storage-layout.js';
import { personByKindAndId, scratchFile, type ForgetWork } from './forget-work.js';
import type { PersonKind, PersonRef } from './person-ref.js';
import { PlaceTally, type PlaceCheck } from './verification-report.js';

const ID_COLUMN_OF: Record<PersonKind, string> = { customer: 'customer_id', prospect: 'prospect_id' };

/** The quarantine file of an upload version, and the ingest report that says which header held the id. */
const reportKeyOf = (quarantineKey: string): string =>
  `${PREFIXES.reports}ingest/${quarantineKey.slice(PREFIXES.quarantine.length).replace(/\.rows\.csv$/, '.json')}`;

const kindOfUpload = (quarantineKey: string): PersonKind | null => {
  const kind = extractKindOf(`${PREFIXES.incoming}${quarantineKey.slice(PREFIXES.quarantine.length)}`);
  if (kind === null) return null;
  return kind === 'prospects' ? 'prospect' : 'customer';
};

/** A raw cell as ingest would read the id from it (trimmed, NFC, `12.0` as `12`), without the spreadsheet-safety apostrophe. */
const idCellSql = (cell: string): string =>
  `nfc_normalize(regexp_replace(regexp_replace(trim(${cell}), '^''([=+@-])', '\\1'), '^([0-9]+)\\.0+$', '\\1'))`;

/** The cells of a record the CSV reader could not split (`raw_line`), for a malformed record naming the person. */
const rawLineIdsSql = `list_transform(regexp_split_to_array(coalesce(raw_line, ''), '[,;\\t|]'), x -> ${idCellSql("trim(x, '\"')")})`;

/**
 * Quarantine files (`quarantine/<upload>/<version>.rows.csv`) hold rejected rows as the upload had
 * them: a row is the person's when its id column (the header the ingest report mapped to the id)
 * holds the id, or, for a record too malformed to split, when one of its cells does.
 */
export async function removeFromQuarantine(
  work: ForgetWork,
  found: Set<string>,
  seen: Set<string> = new Set(),
  tally = new PlaceTally('quarantine', 'rejected rows kept for the data team (quarantine/<upload>/<version>.rows.csv)'),
): Promise<{ check: PlaceCheck; uploads: Map<string, Set<string>> }> {
  const uploads = new Map<string, Set<string>>();
  for (const { key } of await work.store.list(PREFIXES.quarantine)) {
    if (!key.endsWith('.rows.csv') || seen.has(key)) continue;
    seen.add(key);
    const kind = kindOfUpload(key);
    const people = work.people.filter((p) => p.kind === kind);
    tally.checked();
    if (!kind || people.length === 0) continue;
    const removed = await removeFromQuarantineFile(work, key, kind, people);
    if (removed.size === 0) continue;
    for (const [hash, rows] of removed) {
      tally.removed(hash, rows);
      found.add(hash);
    }
    tally.rewrote(key);
    uploads.set(`${PREFIXES.incoming}${key.slice(PREFIXES.quarantine.length).replace(/\/[^/]+\.rows\.csv$/, '')}`, new Set(removed.keys()));
  }
  return { check: tally.done(), uploads };
}

async function idHeaderOf(work: ForgetWork, key: string, kind: PersonKind): Promise<string | null> {
  const bytes = await work.store.get(reportKeyOf(key));
  if (!bytes) return null;
  const report = JSON.parse(new TextDecoder().decode(bytes)) as { columnMapping?: Record<string, string> };
  return report.columnMapping?.[ID_COLUMN_OF[kind]] ?? null;
}

async function removeFromQuarantineFile(work: ForgetWork, key: string, kind: PersonKind, people: PersonRef[]): Promise<Map<string, number>> {
  const file = scratchFile(work, '.csv');
  await work.store.download(key, file);
  const source = `read_csv(${sqlString(file)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
  const columns = (await work.db.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source})`)).map((c) => c.column_name);
  const header = await idHeaderOf(work, key, kind);
  const ids = `[${people.map((p) => sqlString(p.id)).join(', ')}]`;
  const idOfRow = header && columns.includes(header) ? idCellSql(`CAST(${sqlIdentifier(header)} AS VARCHAR)`) : 'NULL';
  const lineIds = columns.includes('raw_line') ? rawLineIdsSql : '[]::VARCHAR[]';
  await work.db.run(`CREATE OR REPLACE TEMP TABLE quarantined AS
    SELECT *, CASE WHEN list_contains(${ids}, ${idOfRow}) THEN ${idOfRow}
      ELSE list_filter(${lineIds}, x -> list_contains(${ids}, x))[1] END AS forget_id__
    FROM ${source}`);
  const counts = await work.db.rows<{ id: string; n: number }>(`SELECT forget_id__ AS id, CAST(count(*) AS INTEGER) AS n FROM quarantined WHERE forget_id__ IS NOT NULL GROUP BY 1`);
  const personOf = personByKindAndId(people);
  const removed = new Map<string, number>();
  for (const { id, n } of counts) {
    const person = personOf(kind, id);
    if (person) removed.set(person.hash, n);
  }
  if (removed.size > 0) {
    const out = scratchFile(work, '.csv');
    await work.db.run(`COPY (SELECT * EXCLUDE (forget_id__) FROM quarantined WHERE forget_id__ IS NULL) TO ${sqlString(out)} (FORMAT csv, HEADER true)`);
    await work.store.upload(key, out, 'text/csv');
  }
  await work.db.run('DROP TABLE quarantined');
  return removed;
}
