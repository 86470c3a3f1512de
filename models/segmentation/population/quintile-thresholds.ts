const QUINTILE_STEPS = [1, 2, 3, 4];

/**
 * Quintile thresholds of a field where higher is better ("worse" = strictly below): entry k
 * (k = 1..4) is the value at rank position ceil(k·n/5) in ascending order, or null when that
 * position does not exist (fewer customers).
 */
export function higherIsBetterThresholds(ascending: Float64Array): (number | null)[] {
  const n = ascending.length;
  return QUINTILE_STEPS.map((k) => {
    const needed = Math.ceil((k * n) / 5);
    return needed <= 0 || needed > n ? null : (ascending[needed - 1] as number);
  });
}

/** Thresholds of a field where lower is better (recency): "worse" = strictly above. */
export function lowerIsBetterThresholds(ascending: Float64Array): (number | null)[] {
  const n = ascending.length;
  return QUINTILE_STEPS.map((k) => {
    const needed = Math.ceil((k * n) / 5);
    return needed <= 0 || needed > n ? null : (ascending[n - needed] as number);
  });
}

/** Quintile score 1..5 of a value against a field's thresholds: 1 + the number of thresholds it beats strictly. */
export function quintileScoreOf(value: number, thresholds: readonly (number | null)[], direction: 'higher-is-better' | 'lower-is-better'): number {
  let score = 1;
  for (const threshold of thresholds) {
    if (threshold === null) continue;
    if (direction === 'higher-is-better' ? threshold < value : threshold > value) score += 1;
  }
  return score;
}
