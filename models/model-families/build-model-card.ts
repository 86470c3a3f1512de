import { FAMILY_NAMES, type ModelFamily } from './choose-family.js';
import type { FittedFamilyModel } from './fit-family-model.js';
import { BASELINES, type EvaluationMetrics, type EvaluationSplit, type ModelCard } from './model-card.js';

export interface ModelCardContext {
  version: string;
  seed: number;
  firstOrder: string;
  /** performance.now() when fitting started. */
  started: number;
}

const FAMILIES: ModelFamily[] = ['btyd', 'ziln', 'blend'];

/** The card of a fitted family: its data, why it was chosen, and its and the baselines' metrics on the split. */
export function buildModelCard(fit: FittedFamilyModel, context: ModelCardContext): ModelCard {
  const { windows, choice, validated, finalFrame } = fit;
  const metrics = validated?.metrics ?? {};
  const split: EvaluationSplit | null = validated
    ? {
        kind: 'time',
        trainFeaturesAsOf: windows.trainingCutoff,
        evaluationFeaturesAsOf: windows.validationCutoff,
        evaluationLabels: { after: windows.validationCutoff, until: windows.asOf },
        trainingCustomers: validated.counts.training.customers,
        evaluationCustomers: validated.counts.validation.customers,
      }
    : null;
  const baselines: Record<string, EvaluationMetrics> = {};
  if (metrics.btydUncalibrated) baselines[BASELINES.btyd] = metrics.btydUncalibrated;
  if (metrics.gradientBoosting) baselines[BASELINES.gradientBoosting] = metrics.gradientBoosting;
  const { bgNbd, gammaGamma, customers, repeatBuyers } = finalFrame.btydModels;
  return {
    version: context.version,
    family: choice.family,
    familyName: FAMILY_NAMES[choice.family],
    reason: choice.reason,
    seed: context.seed,
    createdAt: new Date().toISOString(),
    horizonDays: windows.horizonDays,
    dataWindow: { firstOrder: context.firstOrder, asOf: windows.asOf, customers: fit.predictions.customerIds.length },
    split,
    samples: validated ? { validation: validated.counts.validation, networkTraining: validated.counts.training } : {},
    metrics: metrics[choice.family] ?? null,
    candidates: Object.fromEntries(FAMILIES.filter((f) => metrics[f]).map((f) => [f, metrics[f]!])),
    baselines,
    selectionScores: choice.scores,
    calibration: fit.model.parameters.calibration,
    btyd: { bgNbd, gammaGamma, customers, repeatBuyers },
    ...(fit.network ? { network: fit.network } : {}),
    seconds: (performance.now() - context.started) / 1000,
  };
}
