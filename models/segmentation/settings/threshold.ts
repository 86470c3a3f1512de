/** `p90`, `p99.5`, `p100`: a percentile of a field within the scored population. */
export const PERCENTILE_PATTERN = /^p(?:100|[0-9]{1,2}(?:\.[0-9]+)?)$/;

/** A cut-off as written in the configuration: a number, or a percentile. */
export type ThresholdSpec = number | string;

/** The percentile (0..100) a `pNN` string names, or null for a number or any other string. */
export function percentileOf(spec: unknown): number | null {
  return typeof spec === 'string' && PERCENTILE_PATTERN.test(spec) ? Number(spec.slice(1)) : null;
}

/** The key under which population statistics store a percentile: `p90`, `p99.5`. */
export const percentileKey = (percentile: number): string => `p${percentile}`;
