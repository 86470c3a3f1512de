import {
  AUDIENCE_MANIFEST_FILE,
  audienceVersionPrefix,
  type AudienceManifest,
} from '../../models/audiences/audience-version.js';
import { PREFIXES } from '../shared/storage-layout.js';

/** One version of one audience, as the storage contract names it. */
export interface AudienceVersionRef {
  audienceId: string;
  versionId: string;
}

/** A byte range of a stored file, and the file's whole size. */
export interface StoredRange {
  bytes: Uint8Array;
  size: number;
}

/**
 * Read access to published audience versions (`audiences/<audienceId>/versions/<versionId>/`).
 * Only versions whose manifest exists are complete: Publish writes the manifest last.
 */
export interface AudienceStore {
  /** Every complete version, of every audience or of one, in no particular order. */
  completeVersions(audienceId?: string): Promise<AudienceVersionRef[]>;
  /** The manifest's bytes, or null when the version has none (unknown, or still being written). */
  readManifest(version: AudienceVersionRef): Promise<Uint8Array | null>;
  /** Bytes [start, end) of a file of the version, clamped to its size; null when the file does not exist. */
  readRange(version: AudienceVersionRef, file: string, start: number, end: number): Promise<StoredRange | null>;
}

export const audienceKeyPrefix = (audienceId: string): string => `${PREFIXES.audiences}${audienceId}/versions/`;
export const versionFileKey = ({ audienceId, versionId }: AudienceVersionRef, file: string): string =>
  `${audienceVersionPrefix(PREFIXES.audiences, audienceId, versionId)}${file}`;

const MANIFEST_KEY = new RegExp(`^${PREFIXES.audiences}([^/]+)/versions/([^/]+)/${AUDIENCE_MANIFEST_FILE.replace('.', '\\.')}$`);

/** The version a key is the manifest of, or null for any other key (a destination file, an older layout). */
export const manifestKeyVersion = (key: string): AudienceVersionRef | null => {
  const match = MANIFEST_KEY.exec(key);
  return match?.[1] && match[2] ? { audienceId: match[1], versionId: match[2] } : null;
};

const clampRange = (bytes: Uint8Array, start: number, end: number): StoredRange => ({
  bytes: bytes.subarray(Math.min(start, bytes.length), Math.min(end, bytes.length)),
  size: bytes.length,
});

/** Audience versions held in memory, written in the contract's order (files, then the manifest); for tests. */
export class InMemoryAudienceStore implements AudienceStore {
  private readonly objects = new Map<string, Uint8Array>();

  /** Stores one file of a version; a version stays incomplete until its manifest is put. */
  putFile(version: AudienceVersionRef, file: string, body: Uint8Array | string): void {
    this.objects.set(versionFileKey(version, file), typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }

  /** Stores the destination files, then the manifest, as Publish does. */
  putVersion(manifest: AudienceManifest, files: Readonly<Record<string, Uint8Array | string>>): void {
    const version = { audienceId: manifest.audienceId, versionId: manifest.versionId };
    for (const [file, body] of Object.entries(files)) this.putFile(version, file, body);
    this.putFile(version, AUDIENCE_MANIFEST_FILE, JSON.stringify(manifest, null, 2));
  }

  async completeVersions(audienceId?: string): Promise<AudienceVersionRef[]> {
    const prefix = audienceId === undefined ? PREFIXES.audiences : audienceKeyPrefix(audienceId);
    return [...this.objects.keys()]
      .filter((key) => key.startsWith(prefix))
      .map(manifestKeyVersion)
      .filter((version): version is AudienceVersionRef => version !== null);
  }

  async readManifest(version: AudienceVersionRef): Promise<Uint8Array | null> {
    return this.objects.get(versionFileKey(version, AUDIENCE_MANIFEST_FILE)) ?? null;
  }

  async readRange(version: AudienceVersionRef, file: string, start: number, end: number): Promise<StoredRange | null> {
    const bytes = this.objects.get(versionFileKey(version, file));
    return bytes ? clampRange(bytes, start, end) : null;
  }
}
