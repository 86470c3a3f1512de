import { createHash } from 'node:crypto';
import type { DuckDbSession } from '../duckdb/duckdb-session.js';

/**
 * A content hash of the order history: two runs on the same data share it, any change alters it,
 * whatever order the rows come in (Prepare reads the uploads, Train the shards): the amounts are
 * summed as decimals, exactly, where a floating-point sum rounded to 4 places moved with the order
 * of 10 million terms and made every nightly run retrain.
 */
export async function dataFingerprint(db: DuckDbSession): Promise<string> {
  const [row] = await db.rows<Record<string, unknown>>(`
    SELECT CAST(count(*) AS VARCHAR) AS rows, CAST(count(DISTINCT customer_id) AS VARCHAR) AS customers,
      CAST(sum(CAST(amount AS DECIMAL(38, 6))) AS VARCHAR) AS total, CAST(min(order_date) AS VARCHAR) AS first,
      CAST(max(order_date) AS VARCHAR) AS last,
      CAST(bit_xor(hash(customer_id, order_date, amount)) AS VARCHAR) AS content
    FROM orders`);
  return createHash('sha256').update(JSON.stringify(row)).digest('hex').slice(0, 16);
}
