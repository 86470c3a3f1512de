import { describe, expect, it } from 'vitest';
import { logAddExp } from '../../../models/btyd/log-add-exp.js';

describe('logAddExp', () => {
  it('matches ln(e^u + e^v) where that is representable', () => {
    // Act and assert
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
  });

  it('stays finite where e^u overflows or underflows', () => {
    // Act and assert
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.log(2), 10);
    expect(logAddExp(-5, Number.NEGATIVE_INFINITY)).toBe(-5);
    expect(logAddExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });
});
