/**
 * The published shape of one audience version: what the Publish stage writes and what the pull API,
 * the CLI and `segments forget` read. A version is `audiences/<audienceId>/versions/<versionId>/`
 * (the version id is the scoring run's id, so versions sort by time) holding one file per
 * destination and `manifest.json`, written last: a version without a manifest is incomplete and
 * never served.
 */
export const AUDIENCE_MANIFEST_FORMAT = 1;

/** The ad platforms an audience can be formatted for (one module per destination in `destinations/`). */
export type DestinationId = 'meta' | 'google';

export interface AudienceDestinationFile {
  destination: DestinationId;
  /** The file's name inside the version folder, for example `meta.csv`. */
  file: string;
  /** The CSV header, exactly as written (the platform's column names). */
  header: string[];
  /** Data rows (people) in the file. */
  rows: number;
  /** Pool members left out because they have no identifier this platform accepts. */
  droppedWithoutIdentifiers: number;
  /** SHA-256 of the file's bytes, which the API also uses as its ETag. */
  sha256: string;
}

export interface AudienceFeatureWeight {
  /** A feature name such as `country=GB`, `acquisition_channel=referral` or `web_sessions`. */
  feature: string;
  /** How strongly it pushes similarity up (positive) or down (negative), in the model's own units. */
  weight: number;
}

export interface AudienceManifest {
  format: typeof AUDIENCE_MANIFEST_FORMAT;
  audienceId: string;
  versionId: string;
  runId: string;
  asOf: string;
  createdAt: string;
  /** The audience's definition as configured (the `audiences` entry of the configuration). */
  definition: Record<string, unknown>;
  /** SHA-256 of the definition (keys sorted): a changed definition is due a new version whatever its refresh cadence. */
  definitionHash?: string;
  /** Why this run produced a version (first version, every run, a week old, definition changed...). */
  refreshedBecause?: string;
  /** `suppressed`: seed customers left out by a deletion request. */
  seed: { segment: string; size: number; valueWeighted: boolean; heldOut: number; suppressed?: number };
  /** `sameContactAsSeed`: pool people sharing an email or phone with a seed member (the customer themself), left out. */
  pool: { size: number; prospects: number; customers: number; withoutConsent: number; suppressed: number; sameContactAsSeed?: number };
  model: { kind: string; features: string[]; topFeatures: AudienceFeatureWeight[]; comparedWith: { kind: string; recall: number; lift?: number }[] };
  /** Measured on the held-out part of the seed, at the audience's size. */
  quality: { recallAtSize: number; liftAtSize: number; randomRecallAtSize: number };
  members: number;
  destinations: AudienceDestinationFile[];
}

export const audienceVersionPrefix = (audiencesPrefix: string, audienceId: string, versionId: string): string =>
  `${audiencesPrefix}${audienceId}/versions/${versionId}/`;
export const AUDIENCE_MANIFEST_FILE = 'manifest.json';
export const destinationFileName = (destination: DestinationId): string => `${destination}.csv`;
