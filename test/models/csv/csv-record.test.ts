import { describe, expect, it } from 'vitest';
import { csvLine, parseCsvRecord } from '../../../models/csv/index.js';

describe('parseCsvRecord', () => {
  it('splits quoted cells holding commas, doubled quotes and line breaks, whatever ends the record', () => {
    const cells = ['a,b', 'say "hi"', 'two\nlines', '', 'plain'];
    const line = csvLine(cells);
    for (const ending of ['', '\n', '\r\n', '\r']) expect(parseCsvRecord(`${line}${ending}`)).toEqual(cells);
  });

  it('keeps empty cells, first and last', () => {
    expect(parseCsvRecord(',x,\n')).toEqual(['', 'x', '']);
  });
});
