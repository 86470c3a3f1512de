import type { FeatureTable } from '../../features/feature-table.js';

/** The table as model inputs: one-hot levels, standardised numbers (0 where missing) and a missing indicator. Column 0 is the intercept. */
export interface DesignMatrix {
  width: number;
  /** Readable name of each column: `(intercept)`, `country=GB`, `web_sessions`, `web_sessions missing`. */
  names: string[];
  /** Row-major, table.rows x width. */
  values: Float64Array;
}

/** Standardised values beyond this many deviations are clipped, so one outlier cannot dominate a linear score. */
const CLIP = 5;

export function designMatrix(table: FeatureTable): DesignMatrix {
  const names = ['(intercept)'];
  const fillers: ((row: number, out: Float64Array, offset: number) => void)[] = [];
  for (const column of table.categorical) {
    const first = names.length;
    names.push(...column.levels.map((level) => `${column.name}=${level}`));
    fillers.push((row, out, offset) => {
      out[offset + first + (column.codes[row] as number)] = 1;
    });
  }
  for (const column of table.numeric) {
    const { mean, deviation, missing } = moments(column.values);
    const at = names.length;
    names.push(column.name);
    if (missing) names.push(`${column.name} missing`);
    fillers.push((row, out, offset) => {
      const value = column.values[row] as number;
      if (Number.isNaN(value)) {
        if (missing) out[offset + at + 1] = 1;
        return;
      }
      out[offset + at] = Math.max(-CLIP, Math.min(CLIP, (value - mean) / deviation));
    });
  }
  const width = names.length;
  const values = new Float64Array(table.rows * width);
  for (let row = 0; row < table.rows; row += 1) {
    const offset = row * width;
    values[offset] = 1;
    for (const fill of fillers) fill(row, values, offset);
  }
  return { width, names, values };
}

function moments(values: Float64Array): { mean: number; deviation: number; missing: boolean } {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    sum += value;
    count += 1;
  }
  const mean = count === 0 ? 0 : sum / count;
  let squares = 0;
  for (const value of values) if (!Number.isNaN(value)) squares += (value - mean) ** 2;
  const deviation = count > 1 ? Math.sqrt(squares / (count - 1)) : 0;
  return { mean, deviation: deviation > 0 ? deviation : 1, missing: count < values.length };
}
