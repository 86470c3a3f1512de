import { describe, expect, it } from 'vitest';
import { spendAlignedTo, WindowSpend } from '../../../models/features/window-spend.js';

const ids = ['a', 'b', 'c', 'd', 'e'];
const window = new WindowSpend(ids, Float64Array.of(10, Number.NaN, 0, 2.5, Number.NaN));

describe('WindowSpend', () => {
  it('is a read-only map of the customers who bought (spend 0 included), in list order', () => {
    expect(window.size).toBe(3);
    expect([...window]).toEqual([['a', 10], ['c', 0], ['d', 2.5]]);
    expect([...window.keys()]).toEqual(['a', 'c', 'd']);
    expect([...window.values()]).toEqual([10, 0, 2.5]);
    expect(window.get('d')).toBe(2.5);
    expect(window.get('b')).toBeUndefined();
    expect(window.has('c')).toBe(true);
    expect(window.has('e')).toBe(false);
    const visited: string[] = [];
    window.forEach((value, id) => visited.push(`${id}=${value}`));
    expect(visited).toEqual(['a=10', 'c=0', 'd=2.5']);
  });

  it('aligns to any list of ids as one lookup each would, in order or not', () => {
    const byMap = (list: string[]) => Float64Array.from(list, (id) => new Map(window).get(id) ?? 0);
    for (const list of [ids, ['b', 'd'], ['a', 'e'], [], ['d', 'a'], ['a', 'zz', 'd'], ['c', 'c']]) {
      expect(window.alignedTo(list)).toEqual(byMap(list));
      expect(spendAlignedTo(window, list)).toEqual(byMap(list));
      expect(spendAlignedTo(new Map(window), list)).toEqual(byMap(list));
    }
  });
});
