import { SegmentationInputError } from '../errors.js';
import { typeInWords } from './conditions.js';
import type { FieldInput, SegmentField } from './segment-fields.js';

const EXPRESSION = /^(daysSince|daysUntil)\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/;

/**
 * A field name as written in a rule: a registered field, or `daysSince(<date field>)` /
 * `daysUntil(<date field>)`, numbers of days relative to the as-of day (missing where the date is).
 */
export function resolveFieldExpression(written: string, fields: ReadonlyMap<string, SegmentField>): { field: SegmentField } | { error: string } {
  const direct = fields.get(written);
  if (direct) return { field: direct };
  const match = EXPRESSION.exec(written.trim());
  if (!match) return { error: unknownField(written, fields) };
  const [, fn, name] = match as unknown as [string, 'daysSince' | 'daysUntil', string];
  const date = fields.get(name);
  if (!date) return { error: unknownField(name, fields) };
  if (date.type !== 'date') return { error: `type mismatch: ${fn}() takes a date field and ${name} is ${typeInWords(date.type)}${date.type === 'number' ? ' field' : ''}` };
  const sign = fn === 'daysSince' ? 1 : -1;
  return {
    field: {
      name: `${fn}(${name})`,
      type: 'number',
      description: fn === 'daysSince' ? `days from ${name} to the as-of day` : `days from the as-of day to ${name}`,
      percentiles: true,
      ...(date.profile ? { profile: date.profile } : {}),
      column: (input: FieldInput) => {
        if (Number.isNaN(input.asOfDay)) throw new SegmentationInputError(`${fn}(${name}) needs the as-of day, which is unknown here`);
        const days = date.column(input) as Float64Array;
        const values = new Float64Array(days.length);
        for (let i = 0; i < days.length; i++) values[i] = sign * (input.asOfDay - (days[i] as number));
        return values;
      },
    },
  };
}

function unknownField(name: string, fields: ReadonlyMap<string, SegmentField>): string {
  const known = [...fields.keys()];
  const close = known.filter((k) => k.toLowerCase() === name.toLowerCase() || k.toLowerCase().startsWith(name.toLowerCase().slice(0, 5)));
  const hint = close.length > 0 ? `; did you mean ${close.join(' or ')}?` : '';
  return `unknown field ${name}${hint}; declare it under profile.columns if it is an extra column of the customers extract (fields: ${known.join(', ')}, daysSince(<date field>), daysUntil(<date field>))`;
}
