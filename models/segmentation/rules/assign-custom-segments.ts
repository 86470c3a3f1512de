import { SegmentationError } from '../errors.js';
import type { SegmentationPlan } from '../segmentation-plan.js';
import type { Predicate, RuleBinder } from './compile-rule.js';

/**
 * Evaluates the user-defined segments over a shard, dependencies first: each gets a flag per
 * customer (1 = member). A segment in an exclusive group holds only customers that no segment
 * before it in the group holds. `segment:` references read the families' assignments and the
 * flags of segments already evaluated (after exclusivity).
 */
export function assignCustomSegments(plan: SegmentationPlan, n: number, familyAssignments: readonly Int16Array[], scope: Omit<RuleBinder, 'membership'>): Map<string, Uint8Array> {
  const memberOf = new Map<string, Predicate>();
  plan.families.forEach(({ definitions }, f) => {
    const assigned = familyAssignments[f] as Int16Array;
    definitions.forEach((definition, k) => memberOf.set(definition.id, (i) => assigned[i] === k));
  });
  const flags = new Map<string, Uint8Array>();
  const binder: RuleBinder = {
    ...scope,
    membership: (id) => {
      const predicate = memberOf.get(id);
      // Unreachable when the plan compiled: references are checked and ordered.
      if (!predicate) throw new SegmentationError(`Segment ${id} is read before it is assigned`);
      return predicate;
    },
  };
  for (const segment of plan.custom.order) {
    const matches = segment.rule.bind(binder);
    const excluded = segment.excludedBy.map((id) => flags.get(id) as Uint8Array);
    const members = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (!matches(i)) continue;
      let free = 1;
      for (const other of excluded) {
        if (other[i] === 1) {
          free = 0;
          break;
        }
      }
      members[i] = free;
    }
    flags.set(segment.definition.id, members);
    memberOf.set(segment.definition.id, (i) => members[i] === 1);
  }
  return flags;
}

