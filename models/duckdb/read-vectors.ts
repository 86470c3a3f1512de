import { DuckDBTypeId } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

type NumericView = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint32Array | Uint16Array | Uint8Array;
export type NumericViewType = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): NumericView; BYTES_PER_ELEMENT: number };

/** How DuckDB stores each numeric type in a vector, as the typed array that views it. */
export const NUMERIC_TYPES = new Map<DuckDBTypeId, NumericViewType>([
  [DuckDBTypeId.DOUBLE, Float64Array], [DuckDBTypeId.FLOAT, Float32Array], [DuckDBTypeId.INTEGER, Int32Array],
  [DuckDBTypeId.SMALLINT, Int16Array], [DuckDBTypeId.TINYINT, Int8Array], [DuckDBTypeId.UINTEGER, Uint32Array],
  [DuckDBTypeId.USMALLINT, Uint16Array], [DuckDBTypeId.UTINYINT, Uint8Array],
]);

// Validity masks are read as the bytes of little-endian 64-bit words.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('Reading DuckDB vectors needs a little-endian platform.');

/**
 * Copies `n` numbers of a vector into `column` at `offset`, NULL as NaN, straight from the
 * vector's memory: the vector API's getItem tests each row's validity bit with BigInts, which
 * cost more than everything else in reading a large result.
 */
export function readNumbers(vector: duckdb.Vector, n: number, View: NumericViewType, column: Float64Array, offset: number): void {
  if (n === 0) return;
  const data = duckdb.vector_get_data(vector, n * View.BYTES_PER_ELEMENT);
  column.set(new View(data.buffer, data.byteOffset, n), offset);
  const validity = validityOf(vector, n);
  if (!validity) return;
  for (let byte = 0; byte < n >> 3; byte += 1) {
    if (validity[byte] !== 0xff) markNulls(validity, byte << 3, (byte << 3) + 8, column, offset);
  }
  markNulls(validity, n & ~7, n, column, offset);
}

function validityOf(vector: duckdb.Vector, n: number): Uint8Array | null {
  return duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8) as Uint8Array | null;
}

/** One bit per row, least significant first: byte i >> 3, bit i & 7. */
function markNulls(validity: Uint8Array, from: number, to: number, column: Float64Array, offset: number): void {
  for (let i = from; i < to; i += 1) {
    if (((validity[i >> 3]! >> (i & 7)) & 1) === 0) column[offset + i] = Number.NaN;
  }
}
