import type { AudienceDefinition } from './audience-settings.js';

/** People the audience takes from a pool of `poolSize`: the share rounded (at least 1), or the count, never more than the pool. */
export function audienceSizeOf(size: AudienceDefinition['size'], poolSize: number): number {
  if (poolSize <= 0) return 0;
  const wanted = size.share !== undefined ? Math.max(1, Math.round(size.share * poolSize)) : (size.count ?? 0);
  return Math.min(poolSize, wanted);
}
