import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** An in-memory DuckDB database with one connection; the unit of work for features and validation. */
export interface DuckDbSession {
  run(sql: string): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  columns(sql: string): Promise<Record<string, unknown[]>>;
  close(): void;
}

export interface DuckDbSessionOptions {
  /** Folder DuckDB may spill to when a query does not fit in memory (Lambda: /tmp). */
  tempDirectory?: string;
  /** Default 1 (deterministic), or SEGMENTS_DUCKDB_THREADS. */
  threads?: number;
  memoryLimit?: string;
}

export async function openDuckDb(options: DuckDbSessionOptions = {}): Promise<DuckDbSession> {
  const settings: Record<string, string> = {};
  if (options.tempDirectory) settings.temp_directory = options.tempDirectory;
  // Parallel aggregation adds floating-point sums in a different order on every run; one thread
  // makes the same input give the same scores, so reruns and "write only what changed" see no noise.
  settings.threads = String(options.threads ?? Number(process.env.SEGMENTS_DUCKDB_THREADS ?? 1));
  if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(':memory:', settings);
  const connection = await instance.connect();
  return wrap(instance, connection);
}

function wrap(instance: DuckDBInstance, connection: DuckDBConnection): DuckDbSession {
  return {
    async run(sql) {
      await connection.run(sql);
    },
    async rows<T>(sql: string) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as T[];
    },
    async columns(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getColumnsObjectJS() as Record<string, unknown[]>;
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Quotes a value as a SQL string literal. */
export const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** Quotes a name as a SQL identifier. */
export const sqlIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
