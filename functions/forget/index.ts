export { parseDeletionList } from './deletion-list.js';
export { withDeletionLock, type DeletionLockOptions } from './deletion-lock.js';
export { DeletionBlockedError, DeletionRequestError, ForgetError } from './errors.js';
export { forgetPeople, type ForgetDependencies, type ForgetRequest } from './forget-people.js';
export { PERSON_KINDS, normaliseId, personRefs, suppressedBy, suppressionHash, suppressionPrefix, type PersonKind, type PersonRef } from './person-ref.js';
export type { SegmentEventsTarget } from './segment-event-files.js';
export type { TableAccess } from './table-items.js';
export { deletionReportKey, type PlaceCheck, type RemainingCopy, type VerificationReport } from './verification-report.js';
