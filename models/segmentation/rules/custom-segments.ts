import { SegmentRuleError } from '../errors.js';
import { PROSPECT_STAGE } from '../families/lifecycle-family.js';
import type { SegmentDefinition } from '../segment-definition.js';
import type { SegmentationSettings } from '../settings/index.js';
import { compileRule, type CompiledRule } from './compile-rule.js';
import type { SegmentField } from './segment-fields.js';

/** A user-defined segment, compiled. */
export interface CompiledCustomSegment {
  definition: SegmentDefinition;
  rule: CompiledRule;
  /** Segments of its exclusive group with a higher priority: it holds only customers none of them holds. */
  excludedBy: string[];
  required: boolean;
}

export interface CustomSegmentPlan {
  /** In configuration order. */
  definitions: SegmentDefinition[];
  /** In evaluation order: every segment after the custom segments it reads or yields to. */
  order: CompiledCustomSegment[];
}

export const CUSTOM_PREFIX = 'custom:';

const titleOf = (slug: string): string => slug.split('-').map((word, i) => (i === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word)).join(' ');

/**
 * Checks and compiles `segments.custom` and `segments.exclusiveGroups`: ids, rules (fields,
 * operators, types, references), exclusive groups, and that no segment depends on itself through
 * references or group priorities. Throws SegmentRuleError naming the segment and the path.
 */
export function compileCustomSegments(settings: SegmentationSettings, builtInIds: ReadonlySet<string>, fields: ReadonlyMap<string, SegmentField>): CustomSegmentPlan {
  const customIds = new Map<string, number>();
  settings.custom.forEach((segment, index) => {
    const id = `${CUSTOM_PREFIX}${segment.id}`;
    if (customIds.has(id)) throw new SegmentRuleError(['custom', index, 'id'], `segment id ${segment.id} is defined twice (also custom.${customIds.get(id)})`, id);
    customIds.set(id, index);
  });
  const resolve = (reference: string): string | null => {
    if (reference.includes(':')) return builtInIds.has(reference) || customIds.has(reference) ? reference : null;
    return customIds.has(`${CUSTOM_PREFIX}${reference}`) ? `${CUSTOM_PREFIX}${reference}` : null;
  };
  const environment = {
    fields,
    segmentId: resolve,
    knownSegments: () => [...builtInIds, ...customIds.keys()],
    unreadable: (id: string) =>
      id === PROSPECT_STAGE
        ? `rules run on scored customers, and ${PROSPECT_STAGE} holds the customers extract's people with no purchase yet, who have no score row: a rule reading it would match nobody`
        : null,
  };

  const excludedBy = exclusiveGroupPriorities(settings, customIds, resolve);
  const compiled = settings.custom.map((segment, index): CompiledCustomSegment => {
    const id = `${CUSTOM_PREFIX}${segment.id}`;
    if (segment.rule === undefined) throw new SegmentRuleError(['custom', index, 'rule'], 'a user-defined segment needs a rule', id);
    return {
      definition: { id, family: 'custom', name: segment.name ?? titleOf(segment.id), description: segment.description ?? 'User-defined segment (segments.custom in the configuration).' },
      rule: compileRule(segment.rule, ['custom', index, 'rule'], id, environment),
      excludedBy: excludedBy.get(id) ?? [],
      required: segment.required,
    };
  });
  return { definitions: compiled.map((c) => c.definition), order: evaluationOrder(compiled, customIds) };
}

/** For each custom segment in an exclusive group, the segments before it in the group's priority order. */
function exclusiveGroupPriorities(settings: SegmentationSettings, customIds: ReadonlyMap<string, number>, resolve: (reference: string) => string | null): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const groupOf = new Map<string, string>();
  const groupIds = new Set<string>();
  settings.exclusiveGroups.forEach((group, g) => {
    if (groupIds.has(group.id)) throw new SegmentRuleError(['exclusiveGroups', g, 'id'], `exclusive group ${group.id} is defined twice`);
    groupIds.add(group.id);
    const members: string[] = [];
    group.segments.forEach((reference, k) => {
      const at = ['exclusiveGroups', g, 'segments', k];
      const id = resolve(reference);
      if (id === null) throw new SegmentRuleError(at, `unknown segment ${reference} in exclusive group ${group.id} (user-defined: ${[...customIds.keys()].join(', ') || 'none'})`);
      if (!customIds.has(id)) throw new SegmentRuleError(at, `exclusive groups hold user-defined segments; ${id} is a built-in, whose family is already exclusive`);
      if (members.includes(id)) throw new SegmentRuleError(at, `${id} appears twice in exclusive group ${group.id}`);
      const other = groupOf.get(id);
      if (other !== undefined) throw new SegmentRuleError(at, `${id} is already in exclusive group ${other}; a segment belongs to at most one group`);
      groupOf.set(id, group.id);
      result.set(id, [...members]);
      members.push(id);
    });
  });
  return result;
}

/** Depth-first order over references and group priorities; a cycle is an error naming it. */
function evaluationOrder(compiled: readonly CompiledCustomSegment[], customIds: ReadonlyMap<string, number>): CompiledCustomSegment[] {
  const byId = new Map(compiled.map((c) => [c.definition.id, c]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: CompiledCustomSegment[] = [];
  const visit = (id: string, chain: string[]): void => {
    if (state.get(id) === 'done') return;
    const segment = byId.get(id) as CompiledCustomSegment;
    const index = customIds.get(id) as number;
    if (state.get(id) === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(id)), id].join(' -> ');
      throw new SegmentRuleError(['custom', index, 'rule'], `circular segment reference: ${cycle}`, id);
    }
    state.set(id, 'visiting');
    const dependencies = [...[...segment.rule.references].filter((ref) => byId.has(ref)), ...segment.excludedBy];
    for (const dependency of dependencies) visit(dependency, [...chain, id]);
    state.set(id, 'done');
    order.push(segment);
  };
  for (const c of compiled) visit(c.definition.id, []);
  return order;
}
