import { sqlIdentifier, sqlString } from '../../models/duckdb/duckdb-session.js';
import type { AudiencePerson } from '../../models/audiences/destinations/audience-destination.js';
import { personByKindAndId, scratchFile, type ForgetWork } from './forget-work.js';
import type { PersonKind, PersonRef } from './person-ref.js';
import type { PlaceTally } from './verification-report.js';

/** The columns that hold a person's id in the pipeline's Parquet files (clean data, run files, exports). */
const ID_COLUMNS: Record<PersonKind, readonly string[]> = {
  customer: ['customer_id', 'customerId'],
  prospect: ['prospect_id', 'prospectId'],
};

/** Profile columns as the clean data names them, read before the rows go (the audiences' hashes need them). */
const PROFILE_COLUMNS = { email: 'email', phone: 'phone', country: 'country', firstName: 'first_name', lastName: 'last_name', zip: 'zip' } as const;

interface IdMatch {
  column: string;
  kind: PersonKind;
}

/** One Parquet object, downloaded and looked at: the id columns it has and how many rows each named person has. */
export interface ParquetLook {
  key: string;
  file: string;
  matches: IdMatch[];
  rowsByPerson: Map<string, number>;
}

const condition = (matches: readonly IdMatch[], people: readonly PersonRef[]): string =>
  matches
    .map(({ column, kind }) => {
      const ids = people.filter((p) => p.kind === kind).map((p) => sqlString(p.id));
      return ids.length === 0 ? null : `CAST(${sqlIdentifier(column)} AS VARCHAR) IN (${ids.join(', ')})`;
    })
    .filter((part): part is string => part !== null)
    .join(' OR ') || 'false';

/** Downloads the object and counts the rows of each person of the request (no change yet). */
export async function lookInParquet(work: ForgetWork, key: string): Promise<ParquetLook> {
  const file = scratchFile(work, '.parquet');
  await work.store.download(key, file);
  const columns = (await work.db.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(file)}))`)).map((c) => c.column_name);
  const kinds = new Set(work.people.map((p) => p.kind));
  const matches = [...kinds].flatMap((kind) => ID_COLUMNS[kind].filter((column) => columns.includes(column)).map((column) => ({ column, kind })));
  const rowsByPerson = new Map<string, number>();
  if (matches.length === 0) return { key, file, matches, rowsByPerson };
  const personOf = personByKindAndId(work.people);
  for (const match of matches) {
    const rows = await work.db.rows<{ id: string; n: number }>(`
      SELECT CAST(${sqlIdentifier(match.column)} AS VARCHAR) AS id, CAST(count(*) AS INTEGER) AS n FROM read_parquet(${sqlString(file)})
      WHERE ${condition([match], work.people)} GROUP BY 1`);
    for (const { id, n } of rows) {
      const person = personOf(match.kind, id);
      if (person) rowsByPerson.set(person.hash, (rowsByPerson.get(person.hash) ?? 0) + n);
    }
  }
  return { key, file, matches, rowsByPerson };
}

/** The profiles (contact details) of the request's people in a looked-at file, when it has profile columns. */
export async function profilesIn(work: ForgetWork, look: ParquetLook): Promise<Map<string, AudiencePerson[]>> {
  const profiles = new Map<string, AudiencePerson[]>();
  if (look.rowsByPerson.size === 0) return profiles;
  const columns = new Set((await work.db.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(look.file)}))`)).map((c) => c.column_name));
  if (!columns.has(PROFILE_COLUMNS.email) && !columns.has(PROFILE_COLUMNS.phone)) return profiles;
  const select = Object.entries(PROFILE_COLUMNS)
    .map(([field, column]) => `${columns.has(column) ? `CAST(${sqlIdentifier(column)} AS VARCHAR)` : 'NULL'} AS ${sqlIdentifier(field)}`)
    .join(', ');
  const personOf = personByKindAndId(work.people);
  for (const match of look.matches) {
    const rows = await work.db.rows<Omit<AudiencePerson, 'id'> & { id: string }>(`
      SELECT CAST(${sqlIdentifier(match.column)} AS VARCHAR) AS id, ${select} FROM read_parquet(${sqlString(look.file)}) WHERE ${condition([match], work.people)}`);
    for (const row of rows) {
      const person = personOf(match.kind, row.id);
      if (!person) continue;
      profiles.set(person.hash, [...(profiles.get(person.hash) ?? []), row]);
    }
  }
  return profiles;
}

/** Writes the object back without the people's rows (the same columns, zstd), when it has any. */
export async function removeFromParquet(work: ForgetWork, look: ParquetLook, tally: PlaceTally): Promise<void> {
  tally.checked();
  if (look.rowsByPerson.size === 0) return;
  const out = scratchFile(work, '.parquet');
  await work.db.run(`COPY (SELECT * FROM read_parquet(${sqlString(look.file)}) WHERE NOT coalesce(${condition(look.matches, work.people)}, false))
    TO ${sqlString(out)} (FORMAT parquet, COMPRESSION zstd)`);
  await work.store.upload(look.key, out, 'application/vnd.apache.parquet');
  for (const [person, rows] of look.rowsByPerson) tally.removed(person, rows);
  tally.rewrote(look.key);
}

/** Every Parquet object under `prefix`, looked at and rewritten without the people. */
export async function removeFromParquetObjects(work: ForgetWork, prefix: string, tally: PlaceTally, skip: (key: string) => boolean = () => false): Promise<ParquetLook[]> {
  const looks: ParquetLook[] = [];
  for (const { key } of await work.store.list(prefix)) {
    if (!key.endsWith('.parquet') || skip(key)) continue;
    const look = await lookInParquet(work, key);
    await removeFromParquet(work, look, tally);
    looks.push(look);
  }
  return looks;
}
