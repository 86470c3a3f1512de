import type { HoldoutMetrics } from '../evaluation/index.js';
import type { SerializedNetwork } from '../ziln/index.js';
import type { CustomerPredictions } from './customer-predictions.js';
import type { FamilyModel, FittedFamily } from './family-model.js';
import type { FamilyFitContext } from './fitting/fit-context.js';
import type { CustomerFrame } from './frame/customer-frame.js';
import type { ModelCard } from './model-card.js';

/** The id a family registers under (MODEL_FAMILIES): stored with every model and card. */
export type ModelFamilyId = string;

/** One part of the served predictions, weighted as the family mixes it, each a zero-inflated spend distribution. */
export interface FamilyPart {
  source: ModelFamilyId;
  weight: number;
  predictions: CustomerPredictions;
  /** Log-spread of spend given a purchase (a lognormal around the part's prediction); null: BG/NBD + Gamma-Gamma's moment-matched spread. */
  spendLogSigma: number | null;
}

export interface FamilyPrediction {
  predictions: CustomerPredictions;
  /** What the predictions mix: one part, or several (the blend). */
  parts: FamilyPart[];
}

/** A fitted family's JSON parameters and its networks' weights, as the model registry stores them. */
export interface FamilyArtefacts {
  parameters: unknown;
  networks: SerializedNetwork[];
}

/** How a family may displace the current choice on the validation window (see chooseFamily). */
export interface FamilySelection {
  /** How the choice's summary of ranking losses names it. */
  shortName: string;
  /**
   * The family it must beat (`incumbent`) and the test it must pass against it; absent: the family is
   * validated and carded but never chosen, unless it is the reference (the first registered).
   */
  challenges?: {
    incumbent: ModelFamilyId;
    wins: (challenger: HoldoutMetrics, incumbent: HoldoutMetrics) => boolean;
    /** Said when it was chosen, and when it stayed behind the incumbent. */
    won: string;
    lost: string;
  };
}

/**
 * One model family: how it fits, predicts, stores itself and reads on the model card. Families
 * are registered in MODEL_FAMILIES; validation, choice, card, formatter and model registry loop
 * over that list and never branch on an id.
 */
export interface ModelFamily<Parameters = unknown> {
  readonly id: ModelFamilyId;
  /** Human name (card, run report). */
  readonly name: string;
  /** Its row in the card's table of candidates. */
  readonly cardLabel: string;
  readonly selection: FamilySelection;
  /** Fits on the context's frame and labels; shared pieces (the BTYD fit, the networks) come from the context. */
  fit(context: FamilyFitContext): Promise<FittedFamily<Parameters>>;
  /** Predicts the horizon after frame.asOf; the frame must be built with model.inputs. */
  predict(model: FamilyModel<Parameters>, frame: CustomerFrame): FamilyPrediction;
  save(model: FittedFamily<Parameters>): Promise<FamilyArtefacts>;
  /** Throws FamilyArtefactError on parameters or networks it cannot use. */
  load(artefacts: FamilyArtefacts): Promise<FittedFamily<Parameters>>;
  /** What the card prints about the chosen family after the table of metrics. */
  cardRows(card: ModelCard): string[];
}
