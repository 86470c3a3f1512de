export * from './audience-version.js';
export { hasConsent } from './audience-person.js';
export type { AudienceCandidate, ConsentDefault, DeclaredProfileColumn, PersonSource } from './audience-person.js';
export {
  AUDIENCE_DESTINATION_IDS,
  AudienceDefinitionSchema,
  AudiencesSettingsSchema,
  MAX_POOL_SHARE,
  MIN_POOL_SHARE,
  MIN_SEED_SIZE,
  REFRESH_CADENCES,
  audienceSeedIssues,
  audienceSizeOf,
  seedSegmentsOf,
} from './audience-settings.js';
export type { AudienceDefinition, AudiencesSettings, RefreshCadence } from './audience-settings.js';
export { audienceRefreshDue, definitionHash } from './audience-refresh.js';
export type { LastAudienceVersion, RefreshDecision } from './audience-refresh.js';
export { buildAudience } from './build-audience.js';
export type { AudienceBuildInput, AudienceMember, BuiltAudience, SkippedAudience } from './build-audience.js';
export { AudienceError, AudienceInputError, UnknownSimilarityFamilyError } from './errors.js';
export { buildFeatureTable, featureNamesOf } from './features/feature-table.js';
export type { CategoricalColumn, FeatureTable, NumericColumn } from './features/feature-table.js';
export { chooseSimilarityModel } from './similarity/choose-similarity-model.js';
export type { CandidateQuality, SimilarityChoice, SimilarityChoiceInput } from './similarity/choose-similarity-model.js';
export { HELD_OUT_SHARE, heldOutQuality, isHeldOut } from './similarity/held-out-recall.js';
export type { HeldOutQuality } from './similarity/held-out-recall.js';
export { SIMILARITY_FAMILIES, similarityFamilyById } from './similarity/registry.js';
export type { FittedSimilarity, SimilarityFamily, SimilarityTrainingSet } from './similarity/similarity-family.js';
