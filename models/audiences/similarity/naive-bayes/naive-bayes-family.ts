import type { AudienceFeatureWeight } from '../../audience-version.js';
import { binLabel, binOf, quantileBins } from '../numeric-bins.js';
import { strongest, type FittedSimilarity, type SimilarityFamily, type SimilarityTrainingSet } from '../similarity-family.js';

/** Additive smoothing per level (Laplace). */
const SMOOTHING = 1;
/** Numeric features are cut at deciles of the whole table, then counted like levels. */
const NUMERIC_BINS = 10;

interface LevelTable {
  /** Feature name for each level: `country=GB`, `web_sessions in [4, 9)`. */
  labels: string[];
  /** ln(P(level | seed) / P(level | pool)), both smoothed. */
  logRatios: Float64Array;
  /** P(level | seed), for the features' contributions. */
  seedShares: Float64Array;
  /** Level of each row of the table. */
  codes: ArrayLike<number>;
  /** For numeric features: the feature's name (its contributions are summed into one entry) and the seed's direction. */
  numeric?: { name: string; seedAbove: boolean };
}

/**
 * Smoothed naive Bayes, seed against pool: each feature (numeric ones by decile bin) adds the log
 * ratio of its level's frequency in the seed to that in the pool. Explainable by construction; ties
 * whenever two people share every level, which numeric extras make rare.
 */
export const naiveBayesFamily: SimilarityFamily = {
  id: 'naive-bayes',
  name: 'Naive Bayes (log frequency ratios, numeric features by decile)',
  fit(training: SimilarityTrainingSet): FittedSimilarity {
    const { table } = training;
    const tables: LevelTable[] = [
      ...table.categorical.map((column) => levelTable(training, column.codes, column.levels.map((level) => `${column.name}=${level}`))),
      ...table.numeric.map((column) => {
        const bins = quantileBins(column, NUMERIC_BINS);
        const codes = Uint16Array.from(column.values, (value) => binOf(bins, value));
        const labels = Array.from({ length: bins.cuts.length + 2 }, (_, bin) => binLabel(column.name, bins, bin));
        return { ...levelTable(training, codes, labels), numeric: { name: column.name, seedAbove: seedMeanIsAbove(training, column.values) } };
      }),
    ];
    return {
      family: naiveBayesFamily.id,
      score: (row) => tables.reduce((sum, t) => sum + (t.logRatios[t.codes[row] as number] as number), 0),
      topFeatures: (limit) => strongest(tables.flatMap(contributions), limit),
    };
  },
};

function levelTable(training: SimilarityTrainingSet, codes: ArrayLike<number>, labels: string[]): LevelTable {
  const seedCounts = new Float64Array(labels.length);
  const poolCounts = new Float64Array(labels.length);
  let seedTotal = 0;
  training.positives.forEach((row, i) => {
    const weight = training.positiveWeights[i] as number;
    seedCounts[codes[row] as number]! += weight;
    seedTotal += weight;
  });
  for (const row of training.negatives) poolCounts[codes[row] as number]! += 1;
  const seedDenominator = seedTotal + SMOOTHING * labels.length;
  const poolDenominator = training.negatives.length + SMOOTHING * labels.length;
  const seedShares = seedCounts.map((count) => (count + SMOOTHING) / seedDenominator);
  const logRatios = seedShares.map((share, level) => Math.log(share / (((poolCounts[level] as number) + SMOOTHING) / poolDenominator)));
  return { labels, logRatios, seedShares, codes };
}

/** Each level's share of the seed's divergence from the pool; a numeric feature's levels summed into one entry, signed by the seed's direction. */
function contributions(table: LevelTable): AudienceFeatureWeight[] {
  const each = table.labels.map((feature, level) => ({ feature, weight: (table.seedShares[level] as number) * (table.logRatios[level] as number) }));
  if (!table.numeric) return each;
  const divergence = each.reduce((sum, c) => sum + c.weight, 0);
  return [{ feature: table.numeric.name, weight: table.numeric.seedAbove ? divergence : -divergence }];
}

/** Whether the seed's (weighted) mean of a numeric column is above the pool's. */
function seedMeanIsAbove(training: SimilarityTrainingSet, values: Float64Array): boolean {
  let seedSum = 0;
  let seedWeight = 0;
  training.positives.forEach((row, i) => {
    const value = values[row] as number;
    if (Number.isNaN(value)) return;
    seedSum += value * (training.positiveWeights[i] as number);
    seedWeight += training.positiveWeights[i] as number;
  });
  let poolSum = 0;
  let poolCount = 0;
  for (const row of training.negatives) {
    const value = values[row] as number;
    if (Number.isNaN(value)) continue;
    poolSum += value;
    poolCount += 1;
  }
  return seedWeight > 0 && poolCount > 0 && seedSum / seedWeight >= poolSum / poolCount;
}
