import { describe, expect, it } from 'vitest';
import { DeletionRequestError, parseDeletionList, personRefs, suppressedBy, suppressionHash } from '../../../functions/forget/index.js';

const pairs = (text: string) => parseDeletionList(text).map((p) => `${p.kind}:${p.id}`);

describe('parseDeletionList', () => {
  it('reads one id a line (customers by default), skipping blanks, comments and a BOM', () => {
    expect(pairs('\uFEFF12347\n\n# from the DPO mailbox\r\n 12348 \n12347\n')).toEqual(['customer:12347', 'customer:12348']);
  });

  it('reads a CSV with an id and a kind column, in any order and delimiter', () => {
    expect(pairs('kind;id\ncustomer;C1\nprospect;"P 2"\n')).toEqual(['customer:C1', 'prospect:P 2']);
    expect(pairs('email,customer_id\nx@example.com,C9\n')).toEqual(['customer:C9']);
    expect(pairs('prospect_id\tnote\nL-1\tasked by phone\n')).toEqual(['prospect:L-1']);
  });

  it('normalises ids as ingest does (12347.0 is 12347, NFC)', () => {
    expect(pairs('12347.0\nJose\u0301\n')).toEqual(['customer:12347', 'customer:Jos\u00e9']);
  });

  it('refuses an empty list, a CSV without an id column and an unknown kind, naming the problem', () => {
    expect(() => parseDeletionList('\n# nothing\n')).toThrow(new DeletionRequestError('The deletion list is empty.'));
    expect(() => parseDeletionList('name,email\nA,a@example.com\n')).toThrow(/names no id column: expected one of id, customer_id/);
    expect(() => parseDeletionList('id,kind\nC1,supplier\n')).toThrow('Line 2 of the deletion list: unknown kind "supplier" (expected customer or prospect).');
  });
});

describe('suppression hashes', () => {
  it('are sha256 of <kind>:<id>, so a customer and a prospect with the same id are different people', () => {
    // sha256("customer:12347") computed independently: printf 'customer:12347' | sha256sum
    expect(suppressionHash('customer', '12347')).toBe('7721573b41245bde3540b74ce8041cba6e903065792532ac7e2810c30499afbd');
    expect(suppressionHash('customer', '12347')).not.toBe(suppressionHash('prospect', '12347'));
    const isSuppressed = suppressedBy(new Set(personRefs([{ kind: 'customer', id: '12347' }]).map((p) => p.hash)));
    expect(isSuppressed('customer', ' 12347.0 ')).toBe(true);
    expect(isSuppressed('prospect', '12347')).toBe(false);
    expect(isSuppressed('customer', '12348')).toBe(false);
  });
});
