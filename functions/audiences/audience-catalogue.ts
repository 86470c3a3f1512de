import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import type { AudienceStore, AudienceVersionRef } from './audience-store.js';
import { AudienceNotFoundError, AudienceStoreError } from './errors.js';
import { parseStoredManifest, type ServedManifest, type StoredManifest } from './stored-manifest.js';

/** `latest` in place of a version id: the newest complete version. */
export const LATEST_VERSION = 'latest';

export interface DestinationSummary {
  destination: string;
  file: string;
  rows: number;
  sha256: string;
}

export interface VersionSummary {
  versionId: string;
  runId: string;
  asOf: string;
  createdAt: string;
  members: number;
  destinations: DestinationSummary[];
}

export interface AudienceSummary {
  id: string;
  latestVersionId: string;
  /** Complete versions the audience has. */
  versions: number;
  asOf: string;
  createdAt: string;
  members: number;
  destinations: DestinationSummary[];
}

/** Told about a complete version whose manifest cannot be used, which listings then leave out. */
export type UnreadableVersionListener = (version: AudienceVersionRef, error: AudienceStoreError) => void;

const MANIFEST_READS_IN_FLIGHT = 8;

/** Version ids are scoring run ids, which sort by time: newest first is descending. */
const newestFirst = (a: AudienceVersionRef, b: AudienceVersionRef): number => (a.versionId < b.versionId ? 1 : a.versionId > b.versionId ? -1 : 0);

export const summariseVersion = (manifest: ServedManifest): VersionSummary => ({
  versionId: manifest.versionId,
  runId: manifest.runId,
  asOf: manifest.asOf,
  createdAt: manifest.createdAt,
  members: manifest.members,
  destinations: manifest.destinations.map(({ destination, file, rows, sha256 }) => ({ destination, file, rows, sha256 })),
});

/** The complete audience versions a store holds, as the pull API lists and serves them. */
export class AudienceCatalogue {
  constructor(
    readonly store: AudienceStore,
    private readonly onUnreadable: UnreadableVersionListener = () => {},
  ) {}

  /** Every audience with at least one readable complete version, by id, with its latest version. */
  async audiences(): Promise<AudienceSummary[]> {
    const byAudience = new Map<string, AudienceVersionRef[]>();
    for (const version of await this.store.completeVersions()) {
      byAudience.set(version.audienceId, [...(byAudience.get(version.audienceId) ?? []), version]);
    }
    const ids = [...byAudience.keys()].sort();
    const summaries = await mapWithConcurrency(ids, MANIFEST_READS_IN_FLIGHT, async (id) => {
      const versions = (byAudience.get(id) ?? []).sort(newestFirst);
      const latest = await this.newestReadable(versions);
      if (!latest) return null;
      const { versionId, runId: _runId, ...rest } = summariseVersion(latest.manifest);
      return { id, latestVersionId: versionId, versions: versions.length, ...rest };
    });
    return summaries.filter((summary): summary is AudienceSummary => summary !== null);
  }

  /** An audience's readable complete versions, newest first. */
  async versions(audienceId: string): Promise<VersionSummary[]> {
    const versions = (await this.store.completeVersions(audienceId)).sort(newestFirst);
    const manifests = await mapWithConcurrency(versions, MANIFEST_READS_IN_FLIGHT, (version) => this.readIfUsable(version));
    const summaries = manifests.filter((stored): stored is StoredManifest => stored !== null).map((stored) => summariseVersion(stored.manifest));
    if (summaries.length === 0) throw new AudienceNotFoundError(`No audience ${audienceId}: it has no complete version.`);
    return summaries;
  }

  /** One complete version's manifest; `latest` is the newest readable one. */
  async manifest(audienceId: string, versionId: string): Promise<StoredManifest> {
    if (versionId === LATEST_VERSION) {
      const latest = await this.newestReadable((await this.store.completeVersions(audienceId)).sort(newestFirst));
      if (!latest) throw new AudienceNotFoundError(`No audience ${audienceId}: it has no complete version.`);
      return latest;
    }
    const version = { audienceId, versionId };
    const bytes = await this.store.readManifest(version);
    if (!bytes) throw await this.versionNotFound(version);
    return parseStoredManifest(version, bytes);
  }

  private async versionNotFound({ audienceId, versionId }: AudienceVersionRef): Promise<AudienceNotFoundError> {
    const known = (await this.store.completeVersions(audienceId)).length > 0;
    return new AudienceNotFoundError(
      known
        ? `Audience ${audienceId} has no complete version ${versionId} (GET /audiences/${audienceId}/versions lists them).`
        : `No audience ${audienceId}: it has no complete version.`,
    );
  }

  private async newestReadable(newestFirstVersions: AudienceVersionRef[]): Promise<StoredManifest | null> {
    for (const version of newestFirstVersions) {
      const stored = await this.readIfUsable(version);
      if (stored) return stored;
    }
    return null;
  }

  /** A listed version's manifest, or null when it has gone since the listing or cannot be used (reported). */
  private async readIfUsable(version: AudienceVersionRef): Promise<StoredManifest | null> {
    const bytes = await this.store.readManifest(version);
    if (!bytes) return null;
    try {
      return parseStoredManifest(version, bytes);
    } catch (error) {
      if (!(error instanceof AudienceStoreError)) throw error;
      this.onUnreadable(version, error);
      return null;
    }
  }
}
