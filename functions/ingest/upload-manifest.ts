import type { ExtractKind } from '../shared/storage-layout.js';

/** An accepted upload that is the current version of its key: what a scoring run reads. */
export interface ManifestEntry {
  key: string;
  kind: ExtractKind;
  versionTag: string;
  sequencer: string;
  /** SHA-256 of the decompressed content: the same bytes under another name are counted once. */
  contentSha256: string;
  cleanKey: string;
  rowsAccepted: number;
  acceptedAt: string;
  /** The fingerprint of the version this one replaced, so a replayed event still knows whether the data changed. */
  replacedContentSha256: string | null;
  /** Orders uploads: the first and last order day, so a scheduled day can be checked without reading the data. */
  orderDays?: { first: string; last: string };
}

/** The first and last order day over the current orders uploads, or null when there are none. */
export function orderDayRange(entries: readonly ManifestEntry[]): { first: string; last: string } | null {
  const days = entries.flatMap((e) => (e.kind === 'orders' && e.orderDays ? [e.orderDays] : []));
  if (days.length === 0) return null;
  return { first: days.map((d) => d.first).sort()[0]!, last: days.map((d) => d.last).sort().at(-1)! };
}

/** What ingesting one version of one upload did; written once, so a re-delivered event has no second effect. */
export interface UploadVersionRecord {
  key: string;
  versionTag: string;
  kind: ExtractKind | null;
  status: 'accepted' | 'rejected';
  recordedAt: string;
  reportKey: string;
  /** Accepted only: whether the data a run reads changed (not when it repeats content already there). */
  dataChanged: boolean;
  /** When a scoring run was requested for it; null until then. */
  runRequestedAt: string | null;
}

export type AdvanceResult = { advanced: true; replaced: ManifestEntry | null } | { advanced: false; current: ManifestEntry };

/** The manifest of accepted uploads and the record of every version ingested (DynamoDB in AWS and locally). */
export interface UploadManifest {
  getVersion(key: string, versionTag: string): Promise<UploadVersionRecord | null>;
  /** Writes the record unless one exists for this version; false when it did. */
  putVersion(record: UploadVersionRecord): Promise<boolean>;
  /**
   * Makes `entry` the key's current version unless a later write of the key (greater sequencer) is
   * current; the same version again counts as advanced (an event replayed after a crash).
   */
  advance(entry: ManifestEntry): Promise<AdvanceResult>;
  /** Every current entry, oldest accepted first. */
  entries(): Promise<ManifestEntry[]>;
  markRunRequested(key: string, versionTag: string, at: string): Promise<void>;
}

/** The same contract in memory, for tests of the services that use it. */
export class InMemoryUploadManifest implements UploadManifest {
  readonly versions = new Map<string, UploadVersionRecord>();
  readonly current = new Map<string, ManifestEntry>();

  async getVersion(key: string, versionTag: string) {
    return structuredClone(this.versions.get(`${key}\u0000${versionTag}`) ?? null);
  }

  async putVersion(record: UploadVersionRecord) {
    const id = `${record.key}\u0000${record.versionTag}`;
    if (this.versions.has(id)) return false;
    this.versions.set(id, structuredClone(record));
    return true;
  }

  async advance(entry: ManifestEntry): Promise<AdvanceResult> {
    const existing = this.current.get(entry.key);
    if (existing && existing.versionTag === entry.versionTag) return { advanced: true, replaced: null };
    if (existing && existing.sequencer >= entry.sequencer) return { advanced: false, current: structuredClone(existing) };
    this.current.set(entry.key, structuredClone(entry));
    return { advanced: true, replaced: existing ?? null };
  }

  async entries() {
    return [...this.current.values()].sort(byAcceptance).map((e) => structuredClone(e));
  }

  async markRunRequested(key: string, versionTag: string, at: string) {
    const record = this.versions.get(`${key}\u0000${versionTag}`);
    if (record) record.runRequestedAt = at;
  }
}

export const byAcceptance = (a: ManifestEntry, b: ManifestEntry): number =>
  a.acceptedAt.localeCompare(b.acceptedAt) || a.key.localeCompare(b.key);
