import type { FittedFamilyModel } from './fitting/fit-family-model.js';
import { BASELINES, type EvaluationMetrics, type EvaluationSplit, type ModelCard } from './model-card.js';

export interface ModelCardContext {
  version: string;
  seed: number;
  firstOrder: string;
  /** performance.now() when fitting started. */
  started: number;
}

/** The card of a fitted family: its data, why it was chosen, and its and the baselines' metrics on the split. */
export function buildModelCard(fit: FittedFamilyModel, context: ModelCardContext): ModelCard {
  const { windows, choice, validated, finalFrame } = fit;
  const candidates = { ...validated?.candidates };
  const split: EvaluationSplit | null = validated
    ? {
        kind: 'time',
        trainFeaturesAsOf: windows.trainingCutoff,
        evaluationFeaturesAsOf: windows.validationCutoff,
        evaluationLabels: { after: windows.validationCutoff, until: windows.asOf },
        trainingCustomers: validated.counts.training.customers,
        evaluationCustomers: validated.counts.validation.customers,
        scoredCustomers: validated.scoredCustomers,
      }
    : null;
  const baselines: Record<string, EvaluationMetrics> = {};
  if (validated) baselines[BASELINES.btyd] = validated.baselines.btydUncalibrated;
  if (validated?.baselines.gradientBoosting) baselines[BASELINES.gradientBoosting] = validated.baselines.gradientBoosting;
  const { bgNbd, gammaGamma, customers, repeatBuyers } = finalFrame.btydModels;
  return {
    version: context.version,
    family: choice.family,
    familyName: fit.family.name,
    reason: choice.reason,
    seed: context.seed,
    createdAt: new Date().toISOString(),
    horizonDays: windows.horizonDays,
    dataWindow: { firstOrder: context.firstOrder, asOf: windows.asOf, customers: fit.finalFrame.features.customerIds.length },
    split,
    samples: validated ? { validation: validated.counts.validation, networkTraining: validated.counts.training } : {},
    metrics: candidates[choice.family] ?? null,
    candidates,
    baselines,
    selectionScores: choice.scores,
    calibration: fit.calibration,
    btyd: { bgNbd, gammaGamma, customers, repeatBuyers },
    ...(fit.network ? { network: fit.network } : {}),
    seconds: (performance.now() - context.started) / 1000,
  };
}
