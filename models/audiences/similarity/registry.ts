import { UnknownSimilarityFamilyError } from '../errors.js';
import { gradientBoostingFamily } from './gradient-boosting/gradient-boosting-family.js';
import { logisticRegressionFamily } from './logistic-regression/logistic-regression-family.js';
import { naiveBayesFamily } from './naive-bayes/naive-bayes-family.js';
import type { SimilarityFamily } from './similarity-family.js';

/**
 * Every similarity family, in preference order: on equal held-out recall the earlier one wins.
 * Naive Bayes first, as the simplest to explain; gradient boosting last, as the hardest. Adding a family is a folder beside these and one line here.
 */
export const SIMILARITY_FAMILIES: readonly SimilarityFamily[] = [naiveBayesFamily, logisticRegressionFamily, gradientBoostingFamily];

export function similarityFamilyById(id: string, families: readonly SimilarityFamily[] = SIMILARITY_FAMILIES): SimilarityFamily {
  const family = families.find((f) => f.id === id);
  if (!family) throw new UnknownSimilarityFamilyError(`Unknown similarity model '${id}'; the registered ones are ${families.map((f) => `'${f.id}'`).join(', ')} (or auto).`);
  return family;
}
