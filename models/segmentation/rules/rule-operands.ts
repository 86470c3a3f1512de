import { epochDayOf } from '../days.js';
import { SegmentationInputError } from '../errors.js';
import { percentileOf } from '../settings/index.js';
import type { FieldType } from './segment-fields.js';

/** A compared value, resolved when the rule is bound to a shard. */
export type Operand =
  | { kind: 'number'; value: number }
  | { kind: 'percentile'; percentile: number }
  | { kind: 'day'; epochDay: number }
  | { kind: 'as-of'; offsetDays: number }
  | { kind: 'string'; value: string };

const AS_OF = /^asOf(?:\s*([+-])\s*(\d+)\s*(days?|weeks?))?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why an operand does not fit a field: a sentence, or null when it fits. */
export type OperandResult = { operand: Operand } | { error: string };

const describe = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

/**
 * Reads one operand for a field of the given type: numbers take a number or `pNN` (when the field
 * has population percentiles); dates take `YYYY-MM-DD`, `asOf`, `asOf - 60 days`, `asOf + 2 weeks`;
 * text takes a string; yes/no fields true or false. Anything else is a type mismatch, said in words.
 */
export function readOperand(value: unknown, field: { name: string; type: FieldType; percentiles: boolean }): OperandResult {
  switch (field.type) {
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return { operand: { kind: 'number', value } };
      if (percentileOf(value) !== null) {
        if (!field.percentiles) return { error: `${field.name} has no population percentiles (it is already a rank); compare it with a number` };
        return { operand: { kind: 'percentile', percentile: percentileOf(value) as number } };
      }
      if (typeof value === 'string' && (ISO_DAY.test(value) || AS_OF.test(value))) {
        return { error: `type mismatch: ${field.name} is a number and ${describe(value)} is a day; compare a number, a percentile such as p90, or use daysSince(<date field>)` };
      }
      return { error: `type mismatch: ${field.name} is a number, ${describe(value)} is not (expected a number or a percentile such as p90)` };
    case 'date': {
      if (typeof value === 'number') {
        return { error: `type mismatch: ${field.name} is a date and ${value} is a number; compare it with a day (YYYY-MM-DD, asOf, asOf - 60 days) or use daysSince(${field.name})` };
      }
      if (typeof value === 'string' && ISO_DAY.test(value)) {
        const epochDay = epochDayOf(value);
        if (Number.isNaN(epochDay)) return { error: `${describe(value)} is not a calendar day` };
        return { operand: { kind: 'day', epochDay } };
      }
      const match = typeof value === 'string' ? AS_OF.exec(value.trim()) : null;
      if (match) {
        const [, sign, amount, unit] = match;
        const days = amount === undefined ? 0 : Number(amount) * (unit?.startsWith('week') ? 7 : 1);
        return { operand: { kind: 'as-of', offsetDays: sign === '-' ? -days : days } };
      }
      return { error: `type mismatch: ${field.name} is a date, ${describe(value)} is not a day (expected YYYY-MM-DD, asOf, asOf - 60 days or asOf + 2 weeks)` };
    }
    case 'boolean':
      // A comparison written as text reads `= true` as the word.
      if (value === true || value === 'true') return { operand: { kind: 'number', value: 1 } };
      if (value === false || value === 'false') return { operand: { kind: 'number', value: 0 } };
      return { error: `type mismatch: ${field.name} is a yes/no field, ${describe(value)} is not (expected true or false)` };
    case 'string':
      if (typeof value === 'string') return { operand: { kind: 'string', value } };
      return { error: `type mismatch: ${field.name} is text, ${describe(value)} is not (quote it: '${String(value)}')` };
  }
}

/** What binding an operand reads from the shard's context. */
export interface OperandScope {
  asOfDay: number;
  percentile(field: string, percentile: number): number;
}

/** The operand as a number (dates as epoch days), or a string. */
export function resolveOperand(operand: Operand, fieldKey: string, scope: OperandScope, where: string): number | string {
  switch (operand.kind) {
    case 'number':
      return operand.value;
    case 'string':
      return operand.value;
    case 'day':
      return operand.epochDay;
    case 'percentile':
      return scope.percentile(fieldKey, operand.percentile);
    case 'as-of':
      if (Number.isNaN(scope.asOfDay)) throw new SegmentationInputError(`${where} is relative to the as-of day, which is unknown here`);
      return scope.asOfDay + operand.offsetDays;
  }
}
