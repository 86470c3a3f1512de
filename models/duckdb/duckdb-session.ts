import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

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
  close(): void;
}

export interface ColumnarResult {
  rowCount: number;
  /** A numeric column; throws for a missing or non-numeric one. */
  numbers(name: string): Float64Array;
  /** A text column (NULL as null); throws for a missing or non-text one. */
  texts(name: string): (string | null)[];
}

type NumericView = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint32Array | Uint16Array | Uint8Array;
type NumericViewType = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): NumericView; BYTES_PER_ELEMENT: number };

/** How DuckDB stores each numeric type in a vector, as the typed array that views it. */
const NUMERIC_TYPES = new Map<DuckDBTypeId, NumericViewType>([
  [DuckDBTypeId.DOUBLE, Float64Array], [DuckDBTypeId.FLOAT, Float32Array], [DuckDBTypeId.INTEGER, Int32Array],
  [DuckDBTypeId.SMALLINT, Int16Array], [DuckDBTypeId.TINYINT, Int8Array], [DuckDBTypeId.UINTEGER, Uint32Array],
  [DuckDBTypeId.USMALLINT, Uint16Array], [DuckDBTypeId.UTINYINT, Uint8Array],
]);

/**
 * Copies a chunk's numeric column into `column` at `offset`, NULL as NaN, straight from the
 * vector's memory: the vector API's getItem tests each row's validity bit with BigInts, which cost
 * more than everything else in reading a large result.
 */
function readNumbers(chunk: DuckDBDataChunk, c: number, View: NumericViewType, column: Float64Array, offset: number): void {
  const n = chunk.rowCount;
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
  const data = duckdb.vector_get_data(vector, n * View.BYTES_PER_ELEMENT);
  const values = new View(data.buffer, data.byteOffset, n);
  column.set(values, offset);
  // One bit per row, least significant first in little-endian 64-bit words: byte i >> 3, bit i & 7.
  const validity = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8) as Uint8Array | null;
  if (!validity) return;
  for (let byte = 0; byte < n >> 3; byte += 1) {
    if (validity[byte] !== 0xff) markNulls(validity, byte << 3, (byte << 3) + 8, column, offset);
  }
  markNulls(validity, n & ~7, n, column, offset);
}

function markNulls(validity: Uint8Array, from: number, to: number, column: Float64Array, offset: number): void {
  for (let i = from; i < to; i += 1) {
    if (((validity[i >> 3]! >> (i & 7)) & 1) === 0) column[offset + i] = Number.NaN;
  }
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
    async columnar(sql) {
      const result = await connection.run(sql);
      const rowCount = result.rowCount;
      const names = result.columnNames();
      const types = names.map((_, c) => result.columnTypeId(c));
      const columns = names.map((_, c) => {
        const type = types[c]!;
        if (NUMERIC_TYPES.has(type)) return new Float64Array(rowCount);
        if (type === DuckDBTypeId.VARCHAR) return new Array<string | null>(rowCount);
        throw new TypeError(`Column ${names[c]} has type ${result.columnType(c).toString()}; cast it to DOUBLE or VARCHAR in the query.`);
      });
      let offset = 0;
      for (let k = 0; k < result.chunkCount; k += 1) {
        const chunk = result.getChunk(k);
        columns.forEach((column, c) => {
          const n = chunk.rowCount;
          if (column instanceof Float64Array) {
            readNumbers(chunk, c, NUMERIC_TYPES.get(types[c]!)!, column, offset);
          } else {
            const vector = chunk.getColumnVector(c);
            for (let i = 0; i < n; i += 1) column[offset + i] = vector.getItem(i) as string | null;
          }
        });
        offset += chunk.rowCount;
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
