import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { computeFeatures } from '../features/index.js';
import type { CustomerScore } from '../scoring/customer-score.js';
import type { LoadedModel } from './model-registry.js';
import { scoreWithNetwork } from './score-with-network.js';

export class FeatureMismatchError extends Error {
  override readonly name = 'FeatureMismatchError';
}

/** Scores every customer with an order on or before `asOf` with a stored model. */
export async function scoreCustomers(db: DuckDbSession, model: LoadedModel, asOf: string): Promise<CustomerScore[]> {
  const { frame } = await computeFeatures(db, asOf, model.metadata.vocabulary);
  const expected = model.metadata.featureNames.join(',');
  if (frame.featureNames.join(',') !== expected) {
    throw new FeatureMismatchError(`Model ${model.metadata.version} expects features [${expected}] but got [${frame.featureNames.join(',')}].`);
  }
  const scores = scoreWithNetwork(model.network, model.metadata.standardizer, frame.values, frame.featureNames.length);
  return frame.customerIds.map((customerId, i) => ({
    customerId,
    churnProbability: scores.churnProbability[i]!,
    predictedClv: scores.expectedSpend[i]!,
    recencyDays: frame.rfm.recencyDays[i]!,
    frequency: frame.rfm.frequency[i]!,
    monetary: frame.rfm.monetary[i]!,
  }));
}
