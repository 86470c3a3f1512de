import { PREFIXES } from '../shared/storage-layout.js';
import type { S3ObjectStore } from './s3-object-store.js';

/** One deletion request's entry: the hashes (sha256 of `<kind>:<id>`) of the people it forgot. */
export interface SuppressionEntry {
  requestId: string;
  addedAt: string;
  hashes: string[];
}

/**
 * The people who must never come back: hashed ids only, never the ids. Ingest reads it to drop
 * their rows; a deletion request adds its people. One object per request, so adding never
 * rewrites what another request added.
 */
export interface SuppressionList {
  add(entry: SuppressionEntry): Promise<void>;
  /** Every hash of every entry. */
  hashes(): Promise<Set<string>>;
}


const HASH = /^[0-9a-f]{64}$/;

function parseEntry(bytes: Uint8Array, key: string): SuppressionEntry {
  const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<SuppressionEntry>;
  if (!Array.isArray(parsed.hashes) || !parsed.hashes.every((hash) => typeof hash === 'string' && HASH.test(hash))) {
    // An unreadable entry must stop ingest rather than let suppressed people back in.
    throw new SuppressionListError(`The suppression entry ${key} is not a list of sha256 hashes.`);
  }
  return parsed as SuppressionEntry;
}

export class SuppressionListError extends Error {
  override readonly name = 'SuppressionListError';
}

/** Entries as objects `state/suppression/<requestId>.json` of the data bucket. */
export class S3SuppressionList implements SuppressionList {
  constructor(
    private readonly store: Pick<S3ObjectStore, 'get' | 'put' | 'list'>,
    private readonly prefix: string = PREFIXES.suppression,
  ) {}

  async add(entry: SuppressionEntry): Promise<void> {
    for (const hash of entry.hashes) if (!HASH.test(hash)) throw new SuppressionListError('Only sha256 hashes go into the suppression list.');
    await this.store.put(`${this.prefix}${entry.requestId}.json`, JSON.stringify(entry), 'application/json');
  }

  async hashes(): Promise<Set<string>> {
    const hashes = new Set<string>();
    for (const { key } of await this.store.list(this.prefix)) {
      if (!key.endsWith('.json')) continue;
      const bytes = await this.store.get(key);
      if (bytes) for (const hash of parseEntry(bytes, key).hashes) hashes.add(hash);
    }
    return hashes;
  }
}

/** The same contract in memory, for tests. */
export class InMemorySuppressionList implements SuppressionList {
  readonly entries = new Map<string, SuppressionEntry>();

  async add(entry: SuppressionEntry): Promise<void> {
    this.entries.set(entry.requestId, { ...entry, hashes: [...entry.hashes] });
  }

  async hashes(): Promise<Set<string>> {
    return new Set([...this.entries.values()].flatMap((entry) => entry.hashes));
  }
}
