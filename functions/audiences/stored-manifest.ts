import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AUDIENCE_MANIFEST_FORMAT, type AudienceDestinationFile, type DestinationId } from '../../models/audiences/audience-version.js';
import type { AudienceVersionRef } from './audience-store.js';
import { AudienceStoreError } from './errors.js';

export const DESTINATIONS = ['meta', 'google'] as const satisfies readonly DestinationId[];

/**
 * What the API relies on in a manifest. The rest of the document (definition, seed, pool, model,
 * quality) is served as stored, so fields Publish adds later reach clients without a change here.
 */
const ManifestSchema = z.looseObject({
  format: z.literal(AUDIENCE_MANIFEST_FORMAT),
  audienceId: z.string(),
  versionId: z.string(),
  runId: z.string(),
  asOf: z.string(),
  createdAt: z.string(),
  members: z.number().int().nonnegative(),
  destinations: z.array(
    z.looseObject({
      destination: z.enum(DESTINATIONS),
      file: z.string().regex(/^[^/]+$/),
      header: z.array(z.string()).min(1),
      rows: z.number().int().nonnegative(),
      droppedWithoutIdentifiers: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

export type ServedManifest = z.infer<typeof ManifestSchema> & { destinations: AudienceDestinationFile[] };

/** A complete version's manifest: the document, its bytes as stored and their SHA-256 (the manifest's ETag). */
export interface StoredManifest {
  manifest: ServedManifest;
  bytes: Uint8Array;
  sha256: string;
}

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** Parses a stored manifest, checking that it is the version it is stored as. */
export function parseStoredManifest(version: AudienceVersionRef, bytes: Uint8Array): StoredManifest {
  const where = `audience ${version.audienceId} version ${version.versionId}`;
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new AudienceStoreError(`The manifest of ${where} is not JSON.`, { cause: error });
  }
  const parsed = ManifestSchema.safeParse(document);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new AudienceStoreError(`The manifest of ${where} does not follow manifest format ${AUDIENCE_MANIFEST_FORMAT}: ${issues}`);
  }
  if (parsed.data.audienceId !== version.audienceId || parsed.data.versionId !== version.versionId) {
    throw new AudienceStoreError(`The manifest of ${where} names audience ${parsed.data.audienceId} version ${parsed.data.versionId}.`);
  }
  return { manifest: parsed.data as ServedManifest, bytes, sha256: sha256Hex(bytes) };
}
