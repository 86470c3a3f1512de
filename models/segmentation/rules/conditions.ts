import { readOperand, resolveOperand, type Operand, type OperandScope } from './rule-operands.js';
import type { FieldColumn, FieldType, SegmentField } from './segment-fields.js';

type Comparison = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
export type Operator = Comparison | 'between' | 'in' | 'present';

/** One operator applied to a field: `gte: p90`, `between: [10, 20]`, `in: [DE, AT]`, `present: false`. */
export interface Condition {
  operator: Operator;
  operands: Operand[];
  /** For `present`. */
  flag?: boolean;
}

/** Date operators are aliases: before = lt, after = gt, onOrBefore = lte, onOrAfter = gte. */
const DATE_ALIASES: Record<string, Comparison> = { before: 'lt', after: 'gt', onOrBefore: 'lte', onOrAfter: 'gte' };

export const OPERATORS_BY_TYPE: Record<FieldType, string[]> = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'present'],
  date: ['before', 'after', 'onOrBefore', 'onOrAfter', 'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'present'],
  string: ['eq', 'ne', 'in', 'present'],
  boolean: ['eq', 'ne', 'present'],
};

/** How a field's type reads in a sentence. */
export const typeInWords = (type: FieldType): string => (type === 'string' ? 'text' : type === 'boolean' ? 'a yes/no field' : `a ${type}`);

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

/** Checks an operator and its operand(s) against the field's type. */
export function readCondition(field: SegmentField, written: string, value: unknown): { condition: Condition } | { error: string } {
  const known = OPERATORS_BY_TYPE[field.type];
  if (!known.includes(written)) {
    const dateOnly = written in DATE_ALIASES ? `; ${written} compares dates and ${field.name} is ${typeInWords(field.type)}` : '';
    return { error: `unknown operator ${written} for ${field.name}${dateOnly} (operators: ${known.join(', ')})` };
  }
  const operator = (DATE_ALIASES[written] ?? written) as Operator;
  const one = (operand: unknown): Operand | string => {
    const result = readOperand(operand, field);
    return 'error' in result ? result.error : result.operand;
  };
  const collect = (values: unknown[]): { condition: Condition } | { error: string } => {
    const operands: Operand[] = [];
    for (const v of values) {
      const operand = one(v);
      if (typeof operand === 'string') return { error: operand };
      operands.push(operand);
    }
    return { condition: { operator, operands } };
  };
  if (operator === 'present') {
    if (typeof value !== 'boolean') return { error: `present takes true or false` };
    return { condition: { operator, operands: [], flag: value } };
  }
  if (COMPARISONS.has(operator)) {
    if (Array.isArray(value)) return { error: `${written} takes one value; use between: [low, high] or in: [...] for several` };
    return collect([value]);
  }
  if (operator === 'between') {
    if (!Array.isArray(value) || value.length !== 2) return { error: 'between takes [low, high] (both inclusive)' };
    const result = collect(value);
    if ('condition' in result) {
      const [low, high] = result.condition.operands as [Operand, Operand];
      if (low.kind === high.kind && 'value' in low && 'value' in high && low.value > high.value) return { error: `between: ${String(low.value)} is above ${String(high.value)}` };
    }
    return result;
  }
  if (!Array.isArray(value) || value.length === 0) return { error: 'in takes a non-empty list of values' };
  const result = collect(value);
  if ('condition' in result && result.condition.operands.some((o) => o.kind === 'percentile')) return { error: 'in takes values, not percentiles' };
  return result;
}

/** The condition as a predicate over customer indexes of the bound shard. A missing value matches only `present: false`. */
export function conditionPredicate(condition: Condition, field: SegmentField, column: FieldColumn, scope: OperandScope, where: string): (i: number) => boolean {
  const values = condition.operands.map((operand) => resolveOperand(operand, field.name, scope, where));
  if (condition.operator === 'present') {
    const wanted = condition.flag as boolean;
    return column instanceof Float64Array ? (i) => !Number.isNaN(column[i] as number) === wanted : (i) => (column[i] !== null) === wanted;
  }
  if (!(column instanceof Float64Array)) return stringPredicate(condition.operator, values as string[], column);
  const numbers = values as number[];
  const a = numbers[0] as number;
  const b = numbers[1] as number;
  switch (condition.operator) {
    case 'eq':
      return (i) => column[i] === a;
    case 'ne':
      return (i) => {
        const v = column[i] as number;
        return v === v && v !== a;
      };
    case 'gt':
      return (i) => (column[i] as number) > a;
    case 'gte':
      return (i) => (column[i] as number) >= a;
    case 'lt':
      return (i) => (column[i] as number) < a;
    case 'lte':
      return (i) => (column[i] as number) <= a;
    case 'between':
      return (i) => {
        const v = column[i] as number;
        return v >= a && v <= b;
      };
    default: {
      const set = new Set(numbers);
      return (i) => set.has(column[i] as number);
    }
  }
}

function stringPredicate(operator: Operator, values: readonly string[], column: readonly (string | null)[]): (i: number) => boolean {
  const first = values[0];
  if (operator === 'eq') return (i) => column[i] === first;
  if (operator === 'ne') return (i) => column[i] !== null && column[i] !== first;
  const set = new Set(values);
  return (i) => {
    const v = column[i];
    return v !== null && v !== undefined && set.has(v);
  };
}
