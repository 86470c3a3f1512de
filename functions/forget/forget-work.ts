import path from 'node:path';
import type { DuckDbSession } from '../../models/duckdb/duckdb-session.js';
import type { S3ObjectStore } from '../adapters/s3-object-store.js';
import type { PersonRef } from './person-ref.js';

/** What every place's pass works with: the bucket, a DuckDB session and a scratch folder, the people. */
export interface ForgetWork {
  store: Pick<S3ObjectStore, 'get' | 'put' | 'list' | 'download' | 'upload'>;
  db: DuckDbSession;
  dir: string;
  people: readonly PersonRef[];
}

let fileSeq = 0;

/** A fresh path in the scratch folder (objects are downloaded one at a time, each to its own name). */
export const scratchFile = (work: Pick<ForgetWork, 'dir'>, extension: string): string => {
  fileSeq += 1;
  return path.join(work.dir, `object-${fileSeq}${extension}`);
};

/** The person a `<kind>` id names, if the request names it. */
export const personByKindAndId = (people: readonly PersonRef[]) => {
  const byKey = new Map(people.map((person) => [`${person.kind}:${person.id}`, person]));
  return (kind: PersonRef['kind'], id: string): PersonRef | undefined => byKey.get(`${kind}:${id}`);
};
