import { SegmentationInputError } from './errors.js';
import type { SegmentationSettings } from './settings/index.js';

/**
 * The user-defined segments the settings mark `required: true` that ended up empty, given the
 * run's sizes (summed over shards). Throws SegmentationInputError naming them, so a run can
 * refuse to publish a configuration whose required segment matched nobody.
 */
export function checkRequiredSegments(settings: SegmentationSettings, sizes: ReadonlyMap<string, number>): void {
  const empty = settings.custom.filter((segment) => segment.required && (sizes.get(`custom:${segment.id}`) ?? 0) === 0).map((segment) => `custom:${segment.id}`);
  if (empty.length > 0) throw new SegmentationInputError(`Required segment${empty.length > 1 ? 's' : ''} ${empty.join(', ')} matched no customer`);
}
