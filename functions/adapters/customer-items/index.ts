export { customerRow, type CustomerRow, type MembershipItem, type ProspectItem, type ProspectRow, type ScoreItem, type WritingRun } from './customer-item.js';
export { getCustomer, type CustomerView } from './customer-view.js';
export { DEFAULT_TOLERANCE, SCORE_WRITE_REASONS, type ScoreWriteReason, type Tolerance } from './diff-bucket.js';
export { MemberCursorError, listMembers, type MembersPage } from './member-pages.js';
export { ReconcileInputError } from './reconcile-input-error.js';
export { reconcileShard, type FinishedRuns, type ReconcileInput, type ReconcileOptions, type ReconcileResult } from './reconcile-shard.js';
export { type TableLedger, type TableLedgerStore } from './table-ledger.js';
export { InMemoryTableLedgerStore, S3TableLedgerStore } from './table-ledger-stores.js';
