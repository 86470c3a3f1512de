export { AudienceCatalogue, LATEST_VERSION, type AudienceSummary, type DestinationSummary, type VersionSummary } from './audience-catalogue.js';
export { createAudienceRouter, MEMBER_FORMATS, type AudienceApiLogger } from './audience-routes.js';
export { InMemoryAudienceStore, manifestKeyVersion, versionFileKey, type AudienceStore, type AudienceVersionRef } from './audience-store.js';
export { AudienceApiError, AudienceNotFoundError, AudienceStoreError, InvalidCursorError, InvalidParameterError } from './errors.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './member-pages.js';
export { S3AudienceStore } from './s3-audience-store.js';
export { DESTINATIONS, sha256Hex } from './stored-manifest.js';
