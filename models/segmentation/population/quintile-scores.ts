import { atLeastAbove, atLeastBelow, sortedAscending } from '../sorted-counts.js';

export type RankDirection = 'higher-is-better' | 'lower-is-better';

/**
 * Quintile score 1..5 for each value, by rank.
 *
 * Tie rule: score = 1 + floor(5 × worse / n), where `worse` is the number of values strictly
 * worse than this one. Equal values therefore always share a score (the score of the lowest
 * position of their tie group, like rank method "min"), whatever the input order. When most
 * customers share one value (say frequency 1) they all get the same low score and the
 * quintiles are uneven, which is what ranking can honestly say about them.
 */
export function quintileScores(values: Float64Array, direction: RankDirection): Uint8Array {
  const n = values.length;
  const ascending = sortedAscending(values);
  const isWorseCount = direction === 'higher-is-better' ? atLeastBelow : atLeastAbove;
  // score >= k + 1  <=>  worse >= k·n/5  <=>  worse >= ceil(k·n/5)
  const worseNeededForStep = [1, 2, 3, 4].map((k) => Math.ceil((k * n) / 5));
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    let score = 1;
    for (const needed of worseNeededForStep) if (isWorseCount(ascending, needed, value)) score++;
    scores[i] = score;
  }
  return scores;
}
