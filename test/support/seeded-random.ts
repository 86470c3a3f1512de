import { mulberry32 } from '../../models/random/mulberry32.js';

/** Deterministic uniform(0, 1) generator, so simulated test data is the same on every run. */
export const seededRandom = (seed: number): (() => number) => mulberry32(seed);
