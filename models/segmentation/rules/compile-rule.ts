import { SegmentRuleError } from '../errors.js';
import type { PercentileNeed } from '../families/segment-family.js';
import { conditionPredicate, OPERATORS_BY_TYPE, readCondition, type Condition } from './conditions.js';
import { parseComparisonText } from './comparison-text.js';
import { resolveFieldExpression } from './field-expressions.js';
import type { FieldColumn, SegmentField } from './segment-fields.js';
import type { OperandScope } from './rule-operands.js';

export type Predicate = (i: number) => boolean;

/** What a compiled rule is bound to: the shard's columns, cut-offs and other segments' members. */
export interface RuleBinder extends OperandScope {
  column(field: SegmentField): FieldColumn;
  membership(segmentId: string): Predicate;
}

/** A rule checked against the fields and segments it may name, ready to bind to a shard. */
export interface CompiledRule {
  /** Segment ids the rule reads (`segment:` nodes). */
  references: Set<string>;
  percentiles: PercentileNeed[];
  /** Field expressions the rule reads (for percentiles: the expression field). */
  fields: Map<string, SegmentField>;
  bind(binder: RuleBinder): Predicate;
}

/** What names a rule may use. */
export interface RuleEnvironment {
  fields: ReadonlyMap<string, SegmentField>;
  /** Resolves a written segment reference to a known segment id, or null when unknown. */
  segmentId(reference: string): string | null;
  /** Known segment ids, for the error message. */
  knownSegments(): string[];
  /** Why a known segment cannot be read by a rule, or null when it can. */
  unreadable?(segmentId: string): string | null;
}

type Path = (string | number)[];
type Builder = (binder: RuleBinder) => Predicate;

const RESERVED = new Set(['all', 'any', 'not', 'segment']);

/**
 * Checks a rule of the rule language (README "User-defined segments") and compiles it:
 * `all: [..]`, `any: [..]`, `not: rule`, `segment: id` (or a list: member of any),
 * `<field>: { <operator>: operand }` where several keys in one object must all hold, and a
 * comparison written as text (`predictedClv >= p90`, parseComparisonText). Errors are
 * SegmentRuleError naming the segment and the path of the offending entry.
 */
export function compileRule(rule: unknown, path: Path, ruleName: string, environment: RuleEnvironment): CompiledRule {
  const compiled: CompiledRule = { references: new Set(), percentiles: [], fields: new Map(), bind: () => () => false };
  const fail = (at: Path, reason: string): never => {
    throw new SegmentRuleError(at, reason, ruleName);
  };

  const node = (value: unknown, at: Path): Builder => {
    if (typeof value === 'string') {
      const comparison = parseComparisonText(value);
      if (comparison === null) {
        return fail(at, `cannot read '${value}' as a comparison; write <field> <op> <value> (op: >=, >, <=, <, =, !=, before, after, onOrBefore, onOrAfter, between .. and .., in [..])`);
      }
      return node(comparison, at);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return fail(at, `expected a rule: an object such as { all: [...] }, { segment: rfm:champions } or { predictedClv: { gte: p90 } }, got ${JSON.stringify(value) ?? 'nothing'}`);
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return fail(at, 'an empty rule matches nothing useful; write at least one condition');
    const parts = entries.map(([key, operand]) => entry(key, operand, [...at, key]));
    return and(parts);
  };

  const list = (value: unknown, at: Path, key: string): Builder[] => {
    if (!Array.isArray(value) || value.length === 0) return fail(at, `${key} takes a non-empty list of rules`);
    return value.map((child, i) => node(child, [...at, i]));
  };

  const entry = (key: string, value: unknown, at: Path): Builder => {
    switch (key) {
      case 'all':
        return and(list(value, at, key));
      case 'any':
        return or(list(value, at, key));
      case 'not': {
        const inner = node(value, at);
        return (binder) => {
          const predicate = inner(binder);
          return (i) => !predicate(i);
        };
      }
      case 'segment':
        return segment(value, at);
      default:
        return condition(key, value, at);
    }
  };

  const segment = (value: unknown, at: Path): Builder => {
    const written = typeof value === 'string' ? [value] : Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
    if (!written) return fail(at, 'segment takes a segment id such as rfm:champions, or a list of ids (member of any)');
    const ids = written.map((reference) => {
      const id = environment.segmentId(reference);
      if (id === null) return fail(at, `unknown segment ${reference} (known: ${environment.knownSegments().join(', ')})`);
      const refused = environment.unreadable?.(id) ?? null;
      if (refused !== null) return fail(at, refused);
      compiled.references.add(id);
      return id;
    });
    return or(ids.map((id) => (binder: RuleBinder) => binder.membership(id)));
  };

  const condition = (key: string, value: unknown, at: Path): Builder => {
    const field = resolveFieldExpression(key, environment.fields);
    if ('error' in field) return fail(at, field.error);
    const conditions: Condition[] = readConditionsOf(field.field, value, at, fail);
    compiled.fields.set(field.field.name, field.field);
    for (const c of conditions) for (const operand of c.operands) if (operand.kind === 'percentile') compiled.percentiles.push({ field: field.field.name, percentile: operand.percentile });
    const where = `segment ${ruleName} (at segments.${at.join('.')})`;
    return and(conditions.map((c) => (binder: RuleBinder) => conditionPredicate(c, field.field, binder.column(field.field), binder, where)));
  };

  compiled.bind = node(rule, path);
  return compiled;
}

function readConditionsOf(field: SegmentField, value: unknown, at: Path, fail: (at: Path, reason: string) => never): Condition[] {
  if (RESERVED.has(field.name)) return fail(at, `${field.name} is a reserved word`);
  // Shorthands: a scalar means eq, a list means in.
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : Array.isArray(value) ? { in: value } : { eq: value };
  const entries = Object.entries(object);
  if (entries.length === 0) return fail(at, `no operator given for ${field.name} (one of: ${OPERATORS_BY_TYPE[field.type].join(', ')})`);
  return entries.map(([operator, operand]) => {
    const result = readCondition(field, operator, operand);
    return 'error' in result ? fail([...at, operator], result.error) : result.condition;
  });
}

function and(parts: readonly Builder[]): Builder {
  if (parts.length === 1) return parts[0] as Builder;
  return (binder) => {
    const predicates = parts.map((part) => part(binder));
    return (i) => {
      for (const predicate of predicates) if (!predicate(i)) return false;
      return true;
    };
  };
}

function or(parts: readonly Builder[]): Builder {
  if (parts.length === 1) return parts[0] as Builder;
  return (binder) => {
    const predicates = parts.map((part) => part(binder));
    return (i) => {
      for (const predicate of predicates) if (predicate(i)) return true;
      return false;
    };
  };
}
