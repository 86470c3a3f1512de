import { sha256Hex } from '../../identity/sha256-hex.js';

/** The share of the seed held out of fitting to measure a model on. */
export const HELD_OUT_SHARE = 0.2;

/**
 * Deterministic held-out membership: the first 32 bits of SHA-256 of the salted id, as a fraction
 * of 2^32, below `share`. Same ids, same split, whatever the input order.
 */
export function isHeldOut(id: string, share: number = HELD_OUT_SHARE): boolean {
  return Number.parseInt(sha256Hex(`audience-holdout:${id}`).slice(0, 8), 16) / 2 ** 32 < share;
}

export interface HeldOutQuality {
  /** Share of held-out seed members ranked within the top `size` of pool + held-out members. */
  recallAtSize: number;
  /** What a random ranking would give: size / (pool + held out). */
  randomRecallAtSize: number;
  /** recall / random recall. */
  liftAtSize: number;
}

/**
 * How many held-out seed members a ranking puts in its top `size`, with the held-out members
 * mixed into the pool. A member tied with pool people counts for the fraction of the tied
 * positions inside the top, as if placed at random among them: counting ties as inside would
 * overstate recall.
 */
export function heldOutQuality(poolScores: Float64Array, heldOutScores: Float64Array, size: number): HeldOutQuality {
  const total = poolScores.length + heldOutScores.length;
  const randomRecallAtSize = total === 0 ? 0 : Math.min(1, size / total);
  if (heldOutScores.length === 0 || total === 0) return { recallAtSize: 0, randomRecallAtSize, liftAtSize: 0 };
  const everyone = Float64Array.from([...poolScores, ...heldOutScores]).sort().reverse();
  let inTop = 0;
  for (const score of heldOutScores) {
    const above = countWhile(everyone, 0, (value) => value > score);
    const tied = countWhile(everyone, above, (value) => value === score);
    inTop += Math.min(1, Math.max(0, (size - above) / tied));
  }
  const recallAtSize = inTop / heldOutScores.length;
  return { recallAtSize, randomRecallAtSize, liftAtSize: randomRecallAtSize === 0 ? 0 : recallAtSize / randomRecallAtSize };
}

/** Length of the run from `start` satisfying `predicate`, by binary search (the array is sorted to match). */
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
