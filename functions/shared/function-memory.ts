/**
 * Memory of the pipeline's Lambda functions, and the share of it DuckDB may use. Shared by the
 * CDK app (function sizes, each function's environment) and the local runtime (each stage's
 * thread gets the environment its function would), so both run the stages under the same budget.
 */
export const DEFAULT_MEMORY_MIB = 3008;

/**
 * The shard stages work on one shard of about 50,000 customers whatever the population, on one
 * thread (DuckDB runs single-threaded, TensorFlow.js's wasm backend has no threads in Node), so
 * more than 1,769 MiB (one full vCPU) buys no speed, only GB-seconds. A local run of a
 * 50,000-customer shard peaked at 1.0 GiB (ScoreShard) and 1.4 GiB (WriteShard, nightly) for the
 * whole local process (the stages, the embedded S3 and the demo data; DynamoDB runs in its own
 * process), an upper bound of a function's; WriteShard keeps more room above that.
 */
export const DEFAULT_FUNCTION_MEMORY_MIB: Readonly<Record<string, number>> = { ScoreShard: 1769, WriteShard: 2048 };

/** The function's memory, by its id (a stage name such as `Prepare`, or `IngestUpload`...). */
export const defaultFunctionMemoryMiB = (id: string): number => DEFAULT_FUNCTION_MEMORY_MIB[id] ?? DEFAULT_MEMORY_MIB;

/**
 * DuckDB's share of a function's memory. Left to itself DuckDB takes 80% of the machine (of the
 * function's memory on Lambda, of all of it on a laptop), and the stages' JavaScript (features,
 * networks, scores) needs the rest: a 1M-customer first load peaked at 3.0 GB in Prepare and
 * 2.8 GB in Train with no limit. Past the limit DuckDB spills to the function's /tmp.
 */
export const DUCKDB_MEMORY_SHARE = 0.4;

/** The environment variable openDuckDb reads its default memory limit from. */
export const DUCKDB_MEMORY_LIMIT_VARIABLE = 'SEGMENTS_DUCKDB_MEMORY_LIMIT';

/** DuckDB's memory_limit for a function of `memoryMiB`, as DuckDB reads it (e.g. `1203MiB`). */
export const duckDbMemoryLimit = (memoryMiB: number): string => `${Math.floor(memoryMiB * DUCKDB_MEMORY_SHARE)}MiB`;

/** What a function of `memoryMiB` finds in its environment about its memory (the CDK app sets it; local runs set the same). */
export const memoryEnvironment = (memoryMiB: number): Record<string, string> => ({ [DUCKDB_MEMORY_LIMIT_VARIABLE]: duckDbMemoryLimit(memoryMiB) });
