// Types of dynalite-batch-write.mjs, a module the local DynamoDB process loads as plain JavaScript.
type CheckTypes = (data: unknown, types: unknown) => unknown;

export function batchWriteItemInOneLevelBatch(db: unknown): (store: unknown, data: unknown, callback: (error: unknown, result?: unknown) => void) => void;
export function checkTypesWithBatchWriteFastPath(checkTypes: CheckTypes, batchWriteTypes: unknown): CheckTypes;
