import { describe, expect, it } from 'vitest';
import { heldOutQuality, isHeldOut } from '../../../models/audiences/similarity/held-out-recall.js';

describe('heldOutQuality', () => {
  it('measures recall of held-out members within the top `size` of pool + held out, and lift over a random ranking', () => {
    // 8 pool people, 2 held out: one ranks first, one last; the top 2 of 10 hold one of them.
    const quality = heldOutQuality(Float64Array.from([9, 8, 7, 6, 5, 4, 3, 2]), Float64Array.from([10, 1]), 2);

    expect(quality).toEqual({ recallAtSize: 0.5, randomRecallAtSize: 0.2, liftAtSize: 2.5 });
  });

  it('counts a member tied with pool people for its share of the tied places inside the top, not as inside', () => {
    // Everyone scores 0: a random ranking, whatever the order of the input.
    const quality = heldOutQuality(new Float64Array(90), new Float64Array(10), 20);

    expect(quality.recallAtSize).toBeCloseTo(0.2, 12);
    expect(quality.liftAtSize).toBeCloseTo(1, 12);
  });

  it('holds out about a fifth of ids, the same ones whatever the order', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `C${i}`);
    const heldOut = ids.filter((id) => isHeldOut(id));

    expect(heldOut.length / ids.length).toBeGreaterThan(0.18);
    expect(heldOut.length / ids.length).toBeLessThan(0.22);
    expect([...ids].reverse().filter((id) => isHeldOut(id)).reverse()).toEqual(heldOut);
  });
});
