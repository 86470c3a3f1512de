import type { AudienceFeatureWeight } from '../../audience-version.js';
import type { DesignMatrix } from '../logistic-regression/design-matrix.js';

/**
 * A model-agnostic reading of what moves a score: for each input column, cov(score, column) / sd(column)
 * over the given rows, i.e. how far the score moves per standard deviation of the column, signed.
 */
export function scoreEffects(design: DesignMatrix, scores: Float64Array, rows: Uint32Array): AudienceFeatureWeight[] {
  const { width, values } = design;
  let scoreMean = 0;
  for (const row of rows) scoreMean += scores[row] as number;
  scoreMean /= rows.length;
  const sums = new Float64Array(width);
  const squares = new Float64Array(width);
  const products = new Float64Array(width);
  for (const row of rows) {
    const centred = (scores[row] as number) - scoreMean;
    for (let j = 1; j < width; j += 1) {
      const value = values[row * width + j] as number;
      sums[j]! += value;
      squares[j]! += value * value;
      products[j]! += value * centred;
    }
  }
  return design.names.slice(1).map((feature, i) => {
    const j = i + 1;
    const mean = (sums[j] as number) / rows.length;
    const deviation = Math.sqrt(Math.max(0, (squares[j] as number) / rows.length - mean * mean));
    return { feature, weight: deviation > 0 ? (products[j] as number) / rows.length / deviation : 0 };
  });
}
