import type { ModelFamilyId, ModelInputs } from '../model-families/index.js';
import { ModelFormatError } from './errors.js';
import { CHURN_CLV_FORMAT, type ChurnClvModelMetadata } from './model-metadata.js';

/**
 * `metadata.json` of a version (format 4): the metadata, the family's id, what its customer frame
 * is built from, and the family's own JSON parameters (its ModelFamily.save). Networks' weights
 * are stored beside it, `training.networks` of them.
 */
export interface StoredModel extends ChurnClvModelMetadata {
  family: ModelFamilyId;
  inputs: ModelInputs;
  familyParameters: unknown;
}

/** Format 3 kept one flat `parameters` object: the inputs and every family's parameters side by side. */
interface Format3Model extends Omit<ChurnClvModelMetadata, 'format'> {
  format: 3;
  parameters: ModelInputs & { family: ModelFamilyId } & Record<string, unknown>;
}

export function storedModel(metadata: ChurnClvModelMetadata, family: ModelFamilyId, inputs: ModelInputs, familyParameters: unknown): StoredModel {
  const { training, holdout, card, dataFingerprint, ...head } = metadata;
  return { ...head, family, inputs, familyParameters, training, holdout, card, dataFingerprint };
}

/** Reads format 4, and format 3 (whose flat parameters hold what each family's load picks out). */
export function readStoredModel(json: string, version: string): StoredModel {
  const stored = JSON.parse(json) as Partial<StoredModel> | Format3Model;
  if (stored.format === CHURN_CLV_FORMAT) return stored as StoredModel;
  if (stored.format === 3) {
    const { parameters, ...rest } = stored as Format3Model;
    const { family, horizonDays, btyd, vocabulary, featureNames } = parameters;
    return { ...rest, format: CHURN_CLV_FORMAT, family, inputs: { horizonDays, btyd, vocabulary, featureNames }, familyParameters: parameters };
  }
  throw new ModelFormatError(`Model version ${version} was stored in format ${stored.format ?? 1}; this release reads formats 3 and ${CHURN_CLV_FORMAT}.`);
}
