/**
 * How many times more often held-out seed members rank in the top `topShare` of candidates
 * than chance (`topShare`) would put them there.
 *
 * Each held-out member is placed in the candidate ranking by its score. Naive-Bayes scores
 * tie a lot (profiles with the same features score the same), so a member tied with other
 * candidates counts for the fraction of tied positions inside the top, as if placed at random
 * among them; counting ties as inside would overstate the lift.
 * Null when there is nothing to measure.
 */
export function holdoutLift(
  candidateScores: readonly number[],
  holdoutScores: readonly number[],
  topShare: number,
): number | null {
  if (candidateScores.length === 0 || holdoutScores.length === 0) return null;
  const descending = Float64Array.from(candidateScores).sort().reverse();
  const topPositions = topShare * descending.length;
  let expectedInTop = 0;
  // Summed in sorted order so the result does not depend on the order of the seed.
  for (const score of Float64Array.from(holdoutScores).sort()) {
    const above = countWhile(descending, 0, (value) => value > score);
    const tied = countWhile(descending, above, (value) => value === score);
    expectedInTop += Math.min(1, Math.max(0, (topPositions - above) / (tied + 1)));
  }
  return expectedInTop / holdoutScores.length / topShare;
}

/** Length of the run from `start` satisfying `predicate`, by binary search (the array is sorted). */
function countWhile(sorted: Float64Array, start: number, predicate: (value: number) => boolean): number {
  let low = start;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (predicate(sorted[mid] as number)) low = mid + 1;
    else high = mid;
  }
  return low - start;
}
