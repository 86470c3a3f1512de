/**
 * The assignment of rows to columns of a square cost matrix with the least total cost (the
 * Hungarian method, O(n³)); `result[row]` is the row's column. Pad a rectangular matrix with zeros.
 */
export function minimumCostAssignment(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[column] = row matched to it (1-based), 0 = none
  const way = new Int32Array(n + 1);
  for (let row = 1; row <= n; row++) {
    p[0] = row;
    let column0 = 0;
    const minv = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(n + 1);
    do {
      used[column0] = 1;
      const row0 = p[column0] as number;
      let delta = Number.POSITIVE_INFINITY;
      let column1 = 0;
      for (let column = 1; column <= n; column++) {
        if (used[column]) continue;
        const reduced = (cost[row0 - 1]?.[column - 1] as number) - (u[row0] as number) - (v[column] as number);
        if (reduced < (minv[column] as number)) {
          minv[column] = reduced;
          way[column] = column0;
        }
        if ((minv[column] as number) < delta) {
          delta = minv[column] as number;
          column1 = column;
        }
      }
      for (let column = 0; column <= n; column++) {
        if (used[column]) {
          u[p[column] as number] = (u[p[column] as number] as number) + delta;
          v[column] = (v[column] as number) - delta;
        } else {
          minv[column] = (minv[column] as number) - delta;
        }
      }
      column0 = column1;
    } while (p[column0] !== 0);
    do {
      const column1 = way[column0] as number;
      p[column0] = p[column1] as number;
      column0 = column1;
    } while (column0 !== 0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let column = 1; column <= n; column++) if ((p[column] as number) > 0) result[(p[column] as number) - 1] = column - 1;
  return result;
}
