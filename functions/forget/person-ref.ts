import { createHash } from 'node:crypto';
import { DeletionRequestError } from './errors.js';

/** Who a deletion names: a customer (orders, customer profiles, the table) or a prospect (prospect lists). */
export const PERSON_KINDS = ['customer', 'prospect'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export interface PersonRef {
  kind: PersonKind;
  id: string;
  /** sha256 of `<kind>:<id>`: how the suppression list and the verification report name the person. */
  hash: string;
}

/** The prefix hashed before an id: the suppression list holds sha256(`<kind>:<id>`), never the id. */
export const suppressionPrefix = (kind: PersonKind): string => `${kind}:`;

export const suppressionHash = (kind: PersonKind, id: string): string =>
  createHash('sha256').update(`${suppressionPrefix(kind)}${id}`, 'utf8').digest('hex');

export function isPersonKind(value: string): value is PersonKind {
  return (PERSON_KINDS as readonly string[]).includes(value);
}

/** An id as ingest keeps it in the clean data: trimmed, NFC, and `12347.0` read as `12347`. */
export const normaliseId = (raw: string): string => raw.trim().replace(/^([0-9]+)\.0+$/, '$1').normalize('NFC');

/**
 * The people a request names, each once. Ids are normalised as ingest normalises them (the clean
 * data holds them so); an empty id or an unknown kind is refused before anything is touched.
 */
export function personRefs(entries: readonly { kind: string; id: string }[]): PersonRef[] {
  const refs = new Map<string, PersonRef>();
  for (const entry of entries) {
    const kind = entry.kind.trim().toLowerCase();
    if (!isPersonKind(kind)) throw new DeletionRequestError(`Unknown kind "${entry.kind}": expected ${PERSON_KINDS.join(' or ')}.`);
    const id = normaliseId(entry.id);
    if (id === '') throw new DeletionRequestError('An id to forget is empty.');
    const hash = suppressionHash(kind, id);
    refs.set(hash, { kind, id, hash });
  }
  if (refs.size === 0) throw new DeletionRequestError('The request names nobody to forget.');
  return [...refs.values()];
}

/**
 * The suppression list as a predicate over (kind, id), for steps that see ids rather than hashes
 * (Publish leaves suppressed people out of every seed and audience).
 */
export const suppressedBy = (hashes: ReadonlySet<string>) => (kind: PersonKind, id: string): boolean =>
  hashes.size > 0 && hashes.has(suppressionHash(kind, normaliseId(id)));
