import type { NumericColumn } from '../features/feature-table.js';

/** Bin 0 is "missing"; bins 1..cuts.length+1 are the value ranges between the cut points. */
export interface NumericBins {
  cuts: number[];
}

/** Up to `bins` quantile bins of the column's known values (fewer when values repeat); cut points are distinct and ascending. */
export function quantileBins(column: NumericColumn, bins: number): NumericBins {
  const known = Float64Array.from(column.values.filter((v) => !Number.isNaN(v))).sort();
  const cuts: number[] = [];
  if (known.length === 0) return { cuts };
  for (let q = 1; q < bins; q += 1) {
    const cut = known[Math.min(known.length - 1, Math.floor((q * known.length) / bins))] as number;
    if (cut > (known[0] as number) && (cuts.length === 0 || cut > (cuts[cuts.length - 1] as number))) cuts.push(cut);
  }
  return { cuts };
}

export function binOf(bins: NumericBins, value: number): number {
  if (Number.isNaN(value)) return 0;
  let bin = 1;
  while (bin <= bins.cuts.length && value >= (bins.cuts[bin - 1] as number)) bin += 1;
  return bin;
}

/** `web_sessions in [4, 9)`, `web_sessions < 4`, `web_sessions >= 30`, `web_sessions missing`. */
export function binLabel(name: string, bins: NumericBins, bin: number): string {
  if (bin === 0) return `${name} missing`;
  const low = bins.cuts[bin - 2];
  const high = bins.cuts[bin - 1];
  const f = (value: number) => String(Number(value.toPrecision(4)));
  if (low === undefined && high === undefined) return name;
  if (low === undefined) return `${name} < ${f(high as number)}`;
  if (high === undefined) return `${name} >= ${f(low)}`;
  return `${name} in [${f(low)}, ${f(high)})`;
}
