import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/** A seeded stream of uniform numbers; every sampler in the demo draws from one of these. */
export interface RandomSource {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform integer in [min, max]. */
  integer(min: number, max: number): number;
  chance(probability: number): boolean;
}

/**
 * Independent streams from one seed: stream k is the seeded generator jumped k times, so adding
 * draws to one part of the data set (say, prospects) never shifts the values of another.
 */
export function createRandomStreams(seed: number, count: number): RandomSource[] {
  const base = xoroshiro128plus(seed);
  return Array.from({ length: count }, () => {
    const stream = base.clone();
    base.jump();
    return wrap(stream);
  });
}

function wrap(generator: JumpableRandomGenerator): RandomSource {
  const uniform = () => uniformFloat64(generator);
  return {
    uniform,
    integer: (min, max) => min + Math.floor(uniform() * (max - min + 1)),
    chance: (probability) => uniform() < probability,
  };
}
