import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { NUMERIC_TYPES, readNumbers } from './read-vectors.js';

/** An in-memory DuckDB database with one connection; the unit of work for features and validation. */
export interface DuckDbSession {
  run(sql: string): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  columns(sql: string): Promise<Record<string, unknown[]>>;
  /**
   * A result read chunk by chunk into typed columns, without a JS value per cell: numeric columns
   * as Float64Array (NULL as NaN), text columns as string arrays. For the large per-customer results.
   */
  columnar(sql: string): Promise<ColumnarResult>;
  /**
   * A result of numeric columns only, visited chunk by chunk (as often as needed) without ever
   * holding whole columns in JS: for results of millions of rows that are consumed in a pass.
   */
  numericChunks(sql: string): Promise<NumericChunks>;
  /**
   * Appends rows to an existing table through DuckDB's appender (no SQL text or JSON per row): a
   * string goes to a VARCHAR column, a number to a DOUBLE one, null anywhere. Far cheaper than
   * INSERT or read_json for the many-row results JS computes.
   */
  appendRows(table: string, rows: Iterable<readonly (string | number | null)[]>): Promise<void>;
  /**
   * Runs `work` with DuckDB held to `limit` (e.g. `256MB`), then gives DuckDB its own limit back:
   * lowering the limit moves the tables' data to the temp directory, handing the memory to
   * JavaScript for work that has read what it needs (queries still run, reading data back).
   */
  withMemoryLimit<T>(limit: string, work: () => Promise<T>): Promise<T>;
  close(): void;
}

export interface ColumnarResult {
  rowCount: number;
  /** A numeric column; throws for a missing or non-numeric one. */
  numbers(name: string): Float64Array;
  /** A text column (NULL as null); throws for a missing or non-text one. */
  texts(name: string): (string | null)[];
}

export interface NumericChunks {
  rowCount: number;
  /**
   * Calls `visit` for each chunk in order with its columns (in the query's order, NULL as NaN),
   * its row count and the offset of its first row. The arrays are reused from chunk to chunk: read
   * them during the call only.
   */
  forEach(visit: (columns: readonly Float64Array[], rows: number, offset: number) => void): void;
}

export interface DuckDbSessionOptions {
  /** Folder DuckDB may spill to when a query does not fit in memory (Lambda: /tmp). */
  tempDirectory?: string;
  /** Default 1 (deterministic), or SEGMENTS_DUCKDB_THREADS. */
  threads?: number;
  /** DuckDB's memory_limit, e.g. `1GB`; default SEGMENTS_DUCKDB_MEMORY_LIMIT, else DuckDB's own (80% of the machine). */
  memoryLimit?: string;
}

export async function openDuckDb(options: DuckDbSessionOptions = {}): Promise<DuckDbSession> {
  const settings: Record<string, string> = {};
  if (options.tempDirectory) settings.temp_directory = options.tempDirectory;
  // Parallel aggregation adds floating-point sums in a different order on every run; one thread
  // makes the same input give the same scores, so reruns and "write only what changed" see no noise.
  settings.threads = String(options.threads ?? Number(process.env.SEGMENTS_DUCKDB_THREADS ?? 1));
  // A pipeline function's share of its memory (its environment says how much; see functions/shared/function-memory.ts).
  const memoryLimit = options.memoryLimit ?? process.env.SEGMENTS_DUCKDB_MEMORY_LIMIT;
  if (memoryLimit) settings.memory_limit = memoryLimit;
  // Memory DuckDB frees (a dropped table, a finished query's hash tables) goes back to the system
  // within a second or two; without these threads its allocator kept most of it for the process's life.
  settings.allocator_background_threads = 'true';
  const instance = await DuckDBInstance.create(':memory:', settings);
  const connection = await instance.connect();
  return wrap(instance, connection, memoryLimit ?? null);
}

function wrap(instance: DuckDBInstance, connection: DuckDBConnection, memoryLimit: string | null): DuckDbSession {
  return {
    async withMemoryLimit(limit, work) {
      await connection.run(`SET memory_limit = ${sqlString(limit)}`);
      try {
        return await work();
      } finally {
        await connection.run(memoryLimit ? `SET memory_limit = ${sqlString(memoryLimit)}` : 'RESET memory_limit');
      }
    },
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
    async columnar(sql) {
      // Materialized, not streamed: a streaming result is cut short by the next query on the
      // connection, and callers run several at once (Promise.all over one session).
      const result = await connection.run(sql);
      const names = result.columnNames();
      const types = names.map((_, c) => {
        const type = result.columnType(c);
        if (!NUMERIC_TYPES.has(type.typeId) && type.typeId !== DuckDBTypeId.VARCHAR) {
          throw new TypeError(`Column ${names[c]} has type ${type.toString()}; cast it to DOUBLE or VARCHAR in the query.`);
        }
        return type.typeId;
      });
      const rowCount = result.rowCount;
      const columns = types.map((type) => (NUMERIC_TYPES.has(type) ? new Float64Array(rowCount) : new Array<string | null>(rowCount)));
      // Chunk by chunk, every column of one before the next: each chunk is a copy, and holding
      // them all until the last column was read held the result twice.
      let offset = 0;
      for (let k = 0; k < result.chunkCount; k += 1) {
        const chunk: DuckDBDataChunk = result.getChunk(k);
        const n = chunk.rowCount;
        types.forEach((type, c) => {
          const column = columns[c]!;
          const View = NUMERIC_TYPES.get(type);
          if (View && column instanceof Float64Array) {
            readNumbers(duckdb.data_chunk_get_vector(chunk.chunk, c), n, View, column, offset);
          } else {
            const vector = chunk.getColumnVector(c);
            for (let i = 0; i < n; i += 1) column[offset + i] = vector.getItem(i) as string | null;
          }
        });
        offset += n;
      }
      const find = (name: string) => {
        const c = names.indexOf(name);
        if (c < 0) throw new TypeError(`The result has no column ${name} (it has ${names.join(', ')}).`);
        return columns[c]!;
      };
      return {
        rowCount,
        numbers(name) {
          const column = find(name);
          if (!(column instanceof Float64Array)) throw new TypeError(`Column ${name} is text, not a number.`);
          return column;
        },
        texts(name) {
          const column = find(name);
          if (column instanceof Float64Array) throw new TypeError(`Column ${name} is a number, not text.`);
          return column;
        },
      };
    },
    async numericChunks(sql) {
      // Materialized for the reason columnar is; DuckDB holds it in its compact form.
      const result = await connection.run(sql);
      const views = result.columnNames().map((name, c) => {
        const type = result.columnType(c);
        const View = NUMERIC_TYPES.get(type.typeId);
        if (!View) throw new TypeError(`Column ${name} has type ${type.toString()}; numericChunks reads numbers only.`);
        return View;
      });
      const buffers = views.map(() => new Float64Array(0));
      return {
        rowCount: result.rowCount,
        forEach(visit) {
          let offset = 0;
          for (let k = 0; k < result.chunkCount; k += 1) {
            const chunk: DuckDBDataChunk = result.getChunk(k);
            const n = chunk.rowCount;
            views.forEach((View, c) => {
              if (buffers[c]!.length < n) buffers[c] = new Float64Array(n);
              readNumbers(duckdb.data_chunk_get_vector(chunk.chunk, c), n, View, buffers[c]!, 0);
            });
            visit(n === buffers[0]!.length ? buffers : buffers.map((b) => b.subarray(0, n)), n, offset);
            offset += n;
          }
        },
      };
    },
    async appendRows(table, rows) {
      const appender = await connection.createAppender(table);
      try {
        for (const row of rows) {
          for (const value of row) {
            if (value === null) appender.appendNull();
            else if (typeof value === 'number') appender.appendDouble(value);
            else appender.appendVarchar(value);
          }
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
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

/**
 * Writes rows JS computed to a Parquet file: appended (appendRows) to a temporary table
 * `staging` with `columns` (each VARCHAR or DOUBLE), then `SELECT <select> FROM staging ORDER BY
 * <orderBy>` copied out with zstd; the table is dropped whatever happens.
 */
export async function writeRowsToParquet(
  db: DuckDbSession,
  input: { staging: string; columns: string; rows: Iterable<readonly (string | number | null)[]>; select: string; orderBy: string; file: string },
): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${input.staging} (${input.columns})`);
  try {
    await db.appendRows(input.staging, input.rows);
    await db.run(`COPY (SELECT ${input.select} FROM ${input.staging} ORDER BY ${input.orderBy}) TO ${sqlString(input.file)} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${input.staging}`);
  }
}
