import { sha256Hex } from '../identity/sha256-hex.js';

/**
 * Deterministic membership of the held-out share: the first 32 bits of SHA-256 of the id,
 * as a fraction of 2^32, below `share`. Same ids, same split, whatever the input order.
 */
export function isHeldOut(id: string, share: number): boolean {
  const bucket = Number.parseInt(sha256Hex(`lookalike-holdout:${id}`).slice(0, 8), 16) / 2 ** 32;
  return bucket < share;
}

export function splitHoldout<T extends { id: string }>(items: readonly T[], share: number): { training: T[]; holdout: T[] } {
  const training: T[] = [];
  const holdout: T[] = [];
  for (const item of items) (isHeldOut(item.id, share) ? holdout : training).push(item);
  return { training, holdout };
}
