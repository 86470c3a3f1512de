import { createHash } from 'node:crypto';
import { parseCsvRecord } from '../../models/csv/index.js';
import { AUDIENCE_MANIFEST_FILE, type AudienceManifest } from '../../models/audiences/audience-version.js';
import { PREFIXES } from '../shared/storage-layout.js';
import type { ForgetWork } from './forget-work.js';
import { IDENTIFIER_COLUMN } from './identifier-hashes.js';
import { PlaceTally, type PlaceCheck } from './verification-report.js';

interface RewrittenFile {
  sha256: string;
  rowsRemoved: number;
}

/**
 * The file's text without the rows whose email or phone column holds one of the people's hashes;
 * every other line is kept byte for byte. `ownerOf` maps an identifier hash to the person's hash.
 */
function withoutPeople(text: string, ownerOf: ReadonlyMap<string, string>): { text: string; removed: Map<string, number> } {
  const lines = text.split('\n');
  const header = parseCsvRecord(lines[0] ?? '');
  const identifierColumns = header.flatMap((column, index) => (IDENTIFIER_COLUMN.test(column.trim()) ? [index] : []));
  const removed = new Map<string, number>();
  const kept = [lines[0] ?? ''];
  for (const line of lines.slice(1)) {
    const cells = line === '' ? [] : parseCsvRecord(line);
    const owner = identifierColumns.map((index) => ownerOf.get((cells[index] ?? '').trim())).find((hash) => hash !== undefined);
    if (owner === undefined) kept.push(line);
    else removed.set(owner, (removed.get(owner) ?? 0) + 1);
  }
  return { text: kept.join('\n'), removed };
}

/**
 * Every audience file under `audiences/` (each stored version, the pre-destination lookalike files
 * too) rewritten without the people's rows, matched on the hashes of their emails and phones.
 * In a version folder the manifest is then rewritten, last, with each file's new row count and
 * sha256 and the members left, so a consumer never sees a manifest that disagrees with its files.
 */
export async function removeFromAudiences(work: ForgetWork, ownerOf: ReadonlyMap<string, string>, found: Set<string>): Promise<PlaceCheck> {
  const tally = new PlaceTally('audiences', 'every stored audience version (audiences/...): rows matched on the hashes of the person\'s email and phone');
  if (ownerOf.size === 0) tally.note('no email or phone of these people was known (no profile found), so no audience row could be theirs');
  const objects = (await work.store.list(PREFIXES.audiences)).map((o) => o.key);
  const rewrittenByFolder = new Map<string, Map<string, RewrittenFile>>();
  for (const key of objects.filter((k) => k.endsWith('.csv'))) {
    tally.checked();
    if (ownerOf.size === 0) continue;
    const bytes = await work.store.get(key);
    if (!bytes) continue;
    const { text, removed } = withoutPeople(new TextDecoder().decode(bytes), ownerOf);
    if (removed.size === 0) continue;
    const body = new TextEncoder().encode(text);
    await work.store.put(key, body, 'text/csv');
    tally.rewrote(key);
    let rowsRemoved = 0;
    for (const [person, rows] of removed) {
      tally.removed(person, rows);
      found.add(person);
      rowsRemoved += rows;
    }
    const folder = key.slice(0, key.lastIndexOf('/') + 1);
    const files = rewrittenByFolder.get(folder) ?? new Map<string, RewrittenFile>();
    files.set(key.slice(folder.length), { sha256: createHash('sha256').update(body).digest('hex'), rowsRemoved });
    rewrittenByFolder.set(folder, files);
  }
  for (const [folder, files] of rewrittenByFolder) {
    const manifestKey = `${folder}${AUDIENCE_MANIFEST_FILE}`;
    if (!objects.includes(manifestKey)) continue;
    const bytes = await work.store.get(manifestKey);
    if (!bytes) continue;
    const manifest = JSON.parse(new TextDecoder().decode(bytes)) as AudienceManifest;
    let membersRemoved = 0;
    for (const destination of manifest.destinations ?? []) {
      const file = files.get(destination.file);
      if (!file) continue;
      destination.rows = Math.max(0, destination.rows - file.rowsRemoved);
      destination.sha256 = file.sha256;
      membersRemoved = Math.max(membersRemoved, file.rowsRemoved);
    }
    if (typeof manifest.members === 'number') manifest.members = Math.max(0, manifest.members - membersRemoved);
    await work.store.put(manifestKey, JSON.stringify(manifest, null, 2), 'application/json');
    tally.rewrote(manifestKey);
  }
  return tally.done();
}
